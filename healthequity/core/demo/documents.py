"""Small downloadable files attached to demo pages, written in memory like the images."""

import csv
from io import StringIO

__all__ = ["DOCUMENTS", "document_bytes"]

# title, file name, rows (the first is the header)
DOCUMENTS = [
    (
        "Prescribing and dispensing payments to general practice, England, 2023 (data)",
        "demo-dispensing-payments-2023.csv",
        [
            ["practice_type", "practices", "registered_patients", "payments_gbp", "payment_per_patient_gbp"],
            ["dispensing", "944", "9500000", "625000000", "65.79"],
            ["non-dispensing", "5537", "53000000", "245000000", "4.62"],
        ],
    ),
]


def document_bytes(rows):
    buffer = StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")
