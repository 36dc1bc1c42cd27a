#!/usr/bin/env python3
"""An XLSX reader independent of Quorum's: Python's zipfile and ElementTree only.

Prints one JSON object: {"sheets": [{"name", "cells": {"A1": {"t", "v", "fill"?, "formula"?}}, "frozen",
"autofilter"}]}. Shared and inline strings are resolved; numbers stay numbers. Used by the interchange tests to
prove that the workbooks Quorum writes are readable by another program.
"""
import json
import posixpath
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def text_of(element):
    return "".join(t.text or "" for t in element.iter("{%s}t" % NS["m"]))


def main(path):
    with zipfile.ZipFile(path) as archive:
        bad = archive.testzip()
        if bad is not None:
            raise SystemExit("corrupt member: %s" % bad)
        names = set(archive.namelist())
        workbook = ET.fromstring(archive.read("xl/workbook.xml"))
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
        shared = []
        if "xl/sharedStrings.xml" in names:
            for item in ET.fromstring(archive.read("xl/sharedStrings.xml")).findall("m:si", NS):
                shared.append(text_of(item))
        fills = []
        xfs = []
        if "xl/styles.xml" in names:
            styles = ET.fromstring(archive.read("xl/styles.xml"))
            for fill in styles.findall("m:fills/m:fill", NS):
                pattern = fill.find("m:patternFill", NS)
                colour = None
                if pattern is not None:
                    for tag in ("m:bgColor", "m:fgColor"):
                        element = pattern.find(tag, NS)
                        if element is not None and element.get("rgb"):
                            colour = element.get("rgb")
                            if pattern.get("patternType") == "solid" and tag == "m:bgColor":
                                continue
                            break
                fills.append(colour)
            for xf in styles.findall("m:cellXfs/m:xf", NS):
                xfs.append(int(xf.get("fillId", "0")))
        result = []
        for sheet in workbook.findall("m:sheets/m:sheet", NS):
            target = targets[sheet.get("{%s}id" % NS["r"])]
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            root = ET.fromstring(archive.read(part))
            cells = {}
            for c in root.iter("{%s}c" % NS["m"]):
                kind = c.get("t", "n")
                v = c.find("m:v", NS)
                entry = {"t": kind}
                if c.find("m:f", NS) is not None:
                    entry["formula"] = True
                if kind == "s":
                    entry["v"] = shared[int(v.text)]
                elif kind == "inlineStr":
                    entry["v"] = text_of(c.find("m:is", NS))
                elif v is not None:
                    entry["v"] = float(v.text) if kind == "n" else v.text
                style = int(c.get("s", "0"))
                if style < len(xfs) and xfs[style] < len(fills) and fills[xfs[style]]:
                    entry["fill"] = fills[xfs[style]]
                cells[c.get("r")] = entry
            pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
            autofilter = root.find("m:autoFilter", NS)
            result.append({
                "name": sheet.get("name"),
                "cells": cells,
                "frozen": pane is not None and pane.get("state") == "frozen" and pane.get("ySplit") == "1",
                "autofilter": autofilter.get("ref") if autofilter is not None else None,
            })
    json.dump({"sheets": result}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
