"""The old site's external-reading page as library links: each heading names an organisation, and
each link under it (in a list item or paragraph, with its year somewhere in the line) is one link."""

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

__all__ = ["library_links"]

YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
SEPARATORS = " \t\n-–—:,.;|"


def library_links(html):
    """([{organisation, title, url, year, description}], warnings) from the page's HTML."""
    soup = BeautifulSoup(html or "", "html.parser")
    links, warnings = [], []
    organisation = ""
    for node in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "li", "p"]):
        if node.name.startswith("h"):
            organisation = " ".join(node.get_text(" ").split())[:150]
            continue
        if node.name == "p" and node.find_parent("li"):
            continue
        for anchor in node.find_all("a", href=True):
            url = anchor["href"].strip()
            if not url.startswith(("http://", "https://")):
                warnings.append(f"library link {url!r} is not a web address: left out")
                continue
            title = " ".join(anchor.get_text(" ").split()) or url
            line = " ".join(node.get_text(" ").split())
            year = YEAR.search(line.replace(title, ""))
            rest = line.replace(title, "", 1)
            if year:
                rest = rest.replace(year[0], "", 1).replace("()", "").replace("[]", "")
            publisher = organisation or urlsplit(url).netloc.removeprefix("www.")
            if not organisation:
                warnings.append(f"library link {title!r} comes before any organisation heading: grouped as {publisher}")
            links.append(
                {
                    "organisation": publisher[:150],
                    "title": title[:300],
                    "url": url[:500],
                    "year": int(year[0]) if year else None,
                    "description": " ".join(rest.lstrip(SEPARATORS).rstrip(" ,;").split())[:600],
                }
            )
    return links, warnings
