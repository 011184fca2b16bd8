"""Back up and restore the site: the database (pg_dump custom format) and the uploaded media (tar).

    backup_restore.py backup  --database-url postgres://... --media-root /srv/media --out /backups/2026-11-22
    backup_restore.py restore --database-url postgres://.../empty_db --media-root /srv/media --from /backups/2026-11-22
    backup_restore.py check   # the round trip on a throwaway stack, compared table by table and byte by byte

A backup folder holds `database.dump`, `media.tar.gz` and `manifest.json` (row count and an MD5
over the rows of every table, and a SHA-256 over every media file's path and content), so a
restore can prove itself.
With media on object storage (AWS_STORAGE_BUCKET_NAME), back the bucket up with its own
versioning or replication instead of the tar; the database part is the same.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))


def pg_args(database_url: str) -> tuple[list[str], dict]:
    """Connection arguments for pg_dump/pg_restore/psql, with the password in the environment."""
    url = urlsplit(database_url)
    args = ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres"]
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = url.password
    return [*args, "-d", url.path.lstrip("/")], env


def row_counts(database_url: str) -> dict[str, int]:
    args, env = pg_args(database_url)
    tables = subprocess.run(
        ["psql", *args, "-Atc", "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    if not tables:
        return {}
    # Table names come from pg_tables itself, not from input.
    query = " UNION ALL ".join(f"SELECT '{name}', count(*) FROM public.\"{name}\"" for name in tables)  # noqa: S608
    output = subprocess.run(
        ["psql", *args, "-AtF", "\t", "-c", query], env=env, check=True, capture_output=True, text=True
    ).stdout
    return {name: int(count) for name, count in (line.split("\t") for line in output.splitlines() if line)}


def table_checksums(database_url: str) -> dict[str, str]:
    """An MD5 over every row of every table, in a fixed order: the same content gives the same sum."""
    args, env = pg_args(database_url)
    tables = row_counts(database_url)
    # Table names come from pg_tables itself, not from input.
    query = " UNION ALL ".join(
        f"SELECT '{name}', md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM public.\"{name}\" t"  # noqa: S608
        for name in tables
    )
    if not query:
        return {}
    output = subprocess.run(
        ["psql", *args, "-AtF", "\t", "-c", query], env=env, check=True, capture_output=True, text=True
    ).stdout
    return dict(line.split("\t") for line in output.splitlines() if line)


def media_checksum(media_root: Path) -> tuple[str, int]:
    digest, files = hashlib.sha256(), 0
    for path in sorted(p for p in media_root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(media_root)).encode() + b"\0")
        digest.update(path.read_bytes())
        files += 1
    return digest.hexdigest(), files


def backup(database_url: str, media_root: Path, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    args, env = pg_args(database_url)
    subprocess.run(["pg_dump", *args, "-Fc", "-Z", "6", "-f", str(out / "database.dump")], env=env, check=True)
    with tarfile.open(out / "media.tar.gz", "w:gz") as archive:
        archive.add(media_root, arcname=".")
    checksum, files = media_checksum(media_root)
    manifest = {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "tables": row_counts(database_url),
        "table_md5": table_checksums(database_url),
        "media_sha256": checksum,
        "media_files": files,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def restore(database_url: str, media_root: Path, source: Path) -> dict:
    """Restore into an empty database and media folder, then compare with the manifest."""
    args, env = pg_args(database_url)
    subprocess.run(
        ["pg_restore", *args, "--no-owner", "--no-privileges", "--exit-on-error", str(source / "database.dump")],
        env=env,
        check=True,
    )
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / "media.tar.gz") as archive:
        archive.extractall(media_root, filter="data")
    checksum, files = media_checksum(media_root)
    return {
        "tables": row_counts(database_url),
        "table_md5": table_checksums(database_url),
        "media_sha256": checksum,
        "media_files": files,
    }


def compare(manifest: dict, restored: dict) -> list[str]:
    problems = []
    for table, count in manifest["tables"].items():
        if restored["tables"].get(table) != count:
            problems.append(f"{table}: {count} rows backed up, {restored['tables'].get(table)} restored")
    problems += [
        f"{table}: restored but not in the backup" for table in set(restored["tables"]) - set(manifest["tables"])
    ]
    problems += [
        f"{table}: same row count, different content"
        for table, digest in manifest.get("table_md5", {}).items()
        if restored["table_md5"].get(table) != digest and restored["tables"].get(table) == manifest["tables"][table]
    ]
    if (restored["media_sha256"], restored["media_files"]) != (manifest["media_sha256"], manifest["media_files"]):
        problems.append("media files differ from the backup")
    return problems


def add_media(env: dict, count: int = 5) -> None:
    """Upload a few images and documents through Wagtail's models, so media has real files."""
    code = f"""
import io, django
django.setup()
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.documents import get_document_model
for n in range({count}):
    buffer = io.BytesIO()
    PILImage.new("RGB", (320 + n, 200), (20 * n, 90, 160)).save(buffer, "PNG")
    image = get_image_model()(title=f"Chart {{n}}", file=ContentFile(buffer.getvalue(), name=f"chart-{{n}}.png"))
    image.save()
    image.get_rendition("fill-160x100")
    csv = ContentFile(f"area,rate\\nA,{{n}}\\n".encode(), name=f"data-{{n}}.csv")
    get_document_model().objects.create(title=f"Data {{n}}", file=csv)
"""
    from stack import PYTHON, REPO

    subprocess.run([PYTHON, "-c", code], cwd=REPO, env=env, check=True)


def check() -> int:
    from stack import Gunicorn, PostgresCluster, log, new_http_session, prepare_site, production_env

    postgres = PostgresCluster(5433).start_new()
    workdir = Path(tempfile.mkdtemp(prefix="he-backup-"))
    server = None
    try:
        media, restored_media, backup_dir = workdir / "media", workdir / "media-restored", workdir / "backup"
        media.mkdir()
        env = production_env(postgres.create_database("he_backup"), None, MEDIA_ROOT=str(media))
        log(f"site filled with: {', '.join(prepare_site(env, benchmark_resources=40))}")
        add_media(env)
        started = time.monotonic()
        manifest = backup(env["DATABASE_URL"], media, backup_dir)
        dump_kb = (backup_dir / "database.dump").stat().st_size // 1024
        media_kb = (backup_dir / "media.tar.gz").stat().st_size // 1024
        log(f"backup: {time.monotonic() - started:.1f}s, {dump_kb} kB dump, {media_kb} kB media")
        restored_url = postgres.create_database("he_restored")
        started = time.monotonic()
        restored = restore(restored_url, restored_media, backup_dir)
        log(f"restore: {time.monotonic() - started:.1f}s")
        problems = compare(manifest, restored)

        # The restored copy must run: serve its pages and its media from the restored files.
        server = Gunicorn({**env, "DATABASE_URL": restored_url, "MEDIA_ROOT": str(restored_media)}, workers=1).start()
        session = new_http_session()
        pages_ok = all(
            session.get(f"{server.base_url}{path}", timeout=30).status_code == 200 for path in ("/", "/resources/")
        )

        print()
        print("=== Backup and restore round trip ===")
        rows = sum(manifest["tables"].values())
        print(f"tables: {len(manifest['tables'])}, rows: {rows}; media files: {manifest['media_files']}")
        print(f"media sha256 backed up: {manifest['media_sha256'][:16]}…  restored: {restored['media_sha256'][:16]}…")
        for table in ("wagtailcore_page", "core_evidencepage", "wagtailimages_image", "wagtaildocs_document"):
            print(f"  {table:<24} {manifest['tables'].get(table)} → {restored['tables'].get(table)}")
        for problem in problems:
            print(f"  MISMATCH {problem}")
        checks = {
            "every table's rows match (count and content checksum)": not [p for p in problems if "media" not in p],
            "media checksum matches": not [p for p in problems if "media" in p],
            "the restored site serves its pages": pages_ok,
        }
        for name, ok in checks.items():
            print(f"{'PASS' if ok else 'FAIL'}  {name}")
        return 0 if all(checks.values()) else 1
    finally:
        if server:
            server.stop()
        postgres.destroy()
        subprocess.run(["rm", "-rf", str(workdir)], check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("backup", "restore"):
        command = commands.add_parser(name)
        command.add_argument(
            "--database-url", default=os.environ.get("DATABASE_URL"), required="DATABASE_URL" not in os.environ
        )
        command.add_argument("--media-root", type=Path, default=Path(os.environ.get("MEDIA_ROOT", "media")))
        command.add_argument("--out" if name == "backup" else "--from", dest="folder", type=Path, required=True)
    commands.add_parser("check")
    args = parser.parse_args()
    if args.command == "backup":
        print(json.dumps(backup(args.database_url, args.media_root, args.folder)["tables"], indent=1))
        return 0
    if args.command == "restore":
        manifest = json.loads((args.folder / "manifest.json").read_text())
        problems = compare(manifest, restore(args.database_url, args.media_root, args.folder))
        print("\n".join(problems) or "restored: every row count and the media checksum match the backup")
        return 1 if problems else 0
    return check()


if __name__ == "__main__":
    sys.exit(main())
