"""Extract every marked string (Python, templates, flow files) and update the catalogues.

Danish is the source language, so the Danish catalogue's translations are the msgids
themselves; other languages keep what translators wrote and get new strings to fill in.
"""
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PYBABEL = [sys.executable, "-m", "babel.messages.frontend"]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "messages.pot"
        subprocess.run([*PYBABEL, "-q", "extract", "-F", "babel.cfg", "-k", "N_", "-k", "words", "--no-location",
                        "--sort-output", "-o", str(pot), "."], cwd=ROOT, check=True)
        # --no-wrap: the catalogues are kept unwrapped, so an update changes only the lines that
        # changed, not every long entry in every language.
        subprocess.run([*PYBABEL, "-q", "update", "-i", str(pot), "-d", "translations", "--no-wrap",
                        "--no-fuzzy-matching", "--ignore-obsolete"], cwd=ROOT, check=True)
    da = ROOT / "translations" / "da" / "LC_MESSAGES" / "messages.po"
    with open(da, "rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        if message.id:
            message.string = message.id
    with open(da, "wb") as fh:
        write_po(fh, catalog, width=0, omit_header=False)
    missing = {}
    for po in sorted((ROOT / "translations").glob("*/LC_MESSAGES/messages.po")):
        with open(po, "rb") as fh:
            missing[po.parent.parent.name] = sum(1 for m in read_po(fh) if m.id and not m.string)
    print("untranslated:", missing)


if __name__ == "__main__":
    main()
