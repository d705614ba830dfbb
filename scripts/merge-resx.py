#!/usr/bin/env python3
"""Rebuilds Ui.resx and Ui.de.resx after merging branches that each added texts.

Usage: scripts/merge-resx.py BASE_REF BRANCH_REF [BRANCH_REF ...]
Starts from BASE_REF's texts and applies every key that a branch added or changed since it forked from BASE_REF,
then writes the files sorted by key like add-text.py does.
"""
import os, subprocess, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib.util
spec = importlib.util.spec_from_file_location("addtext", os.path.join(os.path.dirname(os.path.abspath(__file__)), "add-text.py"))
addtext = importlib.util.module_from_spec(spec); spec.loader.exec_module(addtext)

def texts(ref, rel):
    xml = subprocess.run(["git", "show", f"{ref}:{rel}"], capture_output=True, check=True).stdout
    root = ET.fromstring(xml)
    return {d.get("name"): (d.find("value").text or "") for d in root.findall("data")}

def main(base, branches):
    for name in ["Ui.resx", "Ui.de.resx"]:
        rel = f"LiveCall.App/Resources/{name}"
        merged = texts(base, rel)
        for b in branches:
            # Compare with the point where the branch left BASE_REF: only its own additions and changes count.
            fork = subprocess.run(["git", "merge-base", base, b], capture_output=True, check=True, text=True).stdout.strip()
            at_fork = texts(fork, rel)
            for k, v in texts(b, rel).items():
                if at_fork.get(k) != v:
                    merged[k] = v
        path = os.path.join(addtext.ROOT, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(addtext.HEADER)
        tree = ET.parse(path)
        for k, v in merged.items():
            addtext.put(tree, k, v)
        addtext.save(tree, path)
        print(f"{name}: {len(merged)} texts")

if __name__ == "__main__":
    if len(sys.argv) < 3: sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
