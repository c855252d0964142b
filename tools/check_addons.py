#!/usr/bin/env python3
"""Static checks pylint does not make: XML files, manifests, OCA layout.

``check_addons.py`` reports findings and exits 1 if any;
``check_addons.py --write-readme`` regenerates each README.rst from its
``readme/`` fragments.
"""

import ast
import sys
from pathlib import Path

from babel.messages.extract import extract_python
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
REQUIRED_MANIFEST_KEYS = ("name", "summary", "version", "license", "author", "website", "depends")
README_FRAGMENTS = ("DESCRIPTION.md", "CONFIGURE.md", "USAGE.md", "CONTRIBUTORS.md")
README_TITLES = {"CONFIGURE.md": "Configuration", "USAGE.md": "Usage", "CONTRIBUTORS.md": "Contributors"}


def readme_text(addon, manifest):
    parts = [manifest["name"], "=" * len(manifest["name"]), ""]
    for fragment in README_FRAGMENTS:
        path = addon / "readme" / fragment
        if not path.exists():
            continue
        if fragment in README_TITLES:
            parts += [README_TITLES[fragment], "-" * len(README_TITLES[fragment]), ""]
        parts += [path.read_text().strip(), ""]
    return "\n".join(parts)


def check_xml_files(addon, listed):
    findings = []
    for path in sorted(addon.rglob("*.xml")):
        rel = path.relative_to(addon).as_posix()
        if rel.startswith(("views/", "data/", "security/", "wizards/", "demo/", "report/")) and rel not in listed:
            findings.append(f"{rel}: not listed in the manifest")
        try:
            tree = etree.parse(str(path))
        except etree.XMLSyntaxError as exc:
            findings.append(f"{rel}: invalid XML: {exc}")
            continue
        if rel.startswith("demo/"):
            findings += [
                f"{rel}: demo record id {xmlid!r} must end with _demo"
                for xmlid in (record.get("id", "") for record in tree.iter("record"))
                if "." not in xmlid and not xmlid.endswith("_demo")
            ]
    return findings


def check_translations_extractable(addon):
    """Odoo exports a file's terms with babel, which evaluates the
    arguments of ``_()`` calls: an f-string there stops the export of
    every term after it in the file, silently."""
    findings = []
    for path in sorted(addon.rglob("*.py")):
        if "tests" in path.relative_to(addon).parts:
            continue
        with path.open("rb") as source:
            try:
                list(extract_python(source, ["_", "_lt"], [], {}))
            except Exception as exc:
                findings.append(f"{path.relative_to(addon)}: terms after a _() call cannot be exported ({exc})")
    return findings


def check_addon(addon, write_readme):
    findings = []
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    for key in REQUIRED_MANIFEST_KEYS:
        if key not in manifest:
            findings.append(f"__manifest__.py: missing key {key!r}")
    if not str(manifest.get("version", "")).startswith("18.0."):
        findings.append("__manifest__.py: version must start with 18.0.")
    listed = set(manifest.get("data", [])) | set(manifest.get("demo", []))
    for name in sorted(listed):
        if not (addon / name).exists():
            findings.append(f"__manifest__.py: listed file {name} does not exist")
    findings += check_xml_files(addon, listed)
    findings += check_translations_extractable(addon)
    for needed in ("i18n/fr.po", f"i18n/{addon.name}.pot", "readme/DESCRIPTION.md", "pyproject.toml"):
        if not (addon / needed).exists():
            findings.append(f"{needed}: missing")
    readme = addon / "README.rst"
    if write_readme:
        readme.write_text(readme_text(addon, manifest))
    elif not readme.exists() or readme.read_text() != readme_text(addon, manifest):
        findings.append("README.rst: out of date with readme/ (run tools/check_addons.py --write-readme)")
    return [f"addons/{addon.name}/{finding}" for finding in findings]


def main():
    write_readme = "--write-readme" in sys.argv
    findings = []
    for manifest in sorted(ADDONS.glob("*/__manifest__.py")):
        findings += check_addon(manifest.parent, write_readme)
    for finding in findings:
        print(finding)
    print(f"check_addons: {len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
