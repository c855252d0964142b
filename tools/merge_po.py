"""Merge a freshly exported .pot into a .po: keep existing translations,
add new terms untranslated, drop terms gone from the code.

Run with the runtime's Python: ``merge_po.py ADDON.pot fr.po``.
"""

import sys
from pathlib import Path

import polib


def is_demo_term(entry):
    """Terms only used by demo records (``model:...:module.name_demo``)."""
    sources = [source for source, _line in entry.occurrences]
    return bool(sources) and all(source.startswith("model") and source.endswith("_demo") for source in sources)


def main(pot_path, po_path):
    pot = polib.pofile(pot_path)
    # As OCA's templates, which are exported from databases without demo data.
    for entry in [e for e in pot if is_demo_term(e)]:
        pot.remove(entry)
    pot.save(pot_path)
    po = polib.pofile(po_path) if Path(po_path).exists() else polib.POFile()
    if not po.metadata:
        po.metadata = dict(pot.metadata, Language="fr", **{"Plural-Forms": "nplurals=2; plural=(n > 1);"})
    po.merge(pot)
    po.obsolete_entries().clear()
    for entry in [e for e in po if e.obsolete]:
        po.remove(entry)
    po.save(po_path)
    untranslated = len(po.untranslated_entries())
    print(f"{po_path}: {len(po)} terms, {untranslated} untranslated")


if __name__ == "__main__":
    main(*sys.argv[1:])
