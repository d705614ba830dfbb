#!/usr/bin/env python3
"""Adds or replaces UI texts in LiveCall.App/Resources/Ui.resx (English) and Ui.de.resx (German).

Usage: scripts/add-text.py KEY "English text" "Deutscher Text" [KEY EN DE ...]
   or: scripts/add-text.py --file texts.tsv   (KEY<TAB>EN<TAB>DE per line)
"""
import os, sys
import xml.etree.ElementTree as ET

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "LiveCall.App", "Resources")
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
</root>
"""

def load(path):
    if not os.path.exists(path):
        with open(path, "w", encoding="utf-8") as f:
            f.write(HEADER)
    tree = ET.parse(path)
    return tree

def put(tree, key, value):
    root = tree.getroot()
    for d in root.findall("data"):
        if d.get("name") == key:
            d.find("value").text = value
            return
    d = ET.SubElement(root, "data", {"name": key, "xml:space": "preserve"})
    ET.SubElement(d, "value").text = value

def save(tree, path):
    root = tree.getroot()
    datas = sorted(root.findall("data"), key=lambda d: d.get("name"))
    for d in root.findall("data"):
        root.remove(d)
    for d in datas:
        root.append(d)
    ET.indent(tree, "  ")
    tree.write(path, encoding="utf-8", xml_declaration=True)

def main(args):
    rows = []
    if args[:1] == ["--file"]:
        with open(args[1], encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if line.strip() and not line.startswith("#"):
                    k, en, de = line.split("\t")
                    rows.append((k, en, de))
    else:
        if len(args) % 3 != 0 or not args:
            sys.exit(__doc__)
        rows = [tuple(args[i:i + 3]) for i in range(0, len(args), 3)]
    en_path, de_path = os.path.join(ROOT, "Ui.resx"), os.path.join(ROOT, "Ui.de.resx")
    en, de = load(en_path), load(de_path)
    for k, e, d in rows:
        put(en, k, e)
        put(de, k, d)
    save(en, en_path)
    save(de, de_path)

if __name__ == "__main__":
    main(sys.argv[1:])
