"""Regenerates the .xlsx fixtures beside this file: python3 make_fixtures.py
(needs openpyxl, and LibreOffice's soffice for the shared-strings fixture).

openpyxl (2.6 and later) writes every string inline (t="inlineStr"); Excel and LibreOffice write a
shared-strings table. So the shared-strings fixture is openpyxl's file re-saved by LibreOffice, and
the reader is tested on both forms, each written by a real program.

openpyxl-inline-strings.xlsx -- openpyxl 3.1: CJK and markup characters, numbers, booleans, a gap, an
        empty row, a frozen header, a rich-text cell, a formula never calculated, a second sheet.
libreoffice-shared-strings.xlsx -- the same re-saved by LibreOffice Calc: shared strings (the rich
        text as runs) and the formula with its cached result.
handwritten.xlsx -- parts written by hand the way other tools do it: inline strings, "x:" prefixes,
                   _x000D_ escapes, phonetic runs, cells without r, non-Excel part names, sheet order
                   different from part order, and one part stored without compression.
malformed.xlsx   -- a worksheet that is not well-formed XML.
"""

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

HERE = Path(__file__).parent


def shared_strings_fixture():
    with tempfile.TemporaryDirectory() as directory:
        subprocess.run(
            ["soffice", "--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", directory,
             str(HERE / "openpyxl-inline-strings.xlsx")],
            check=True, capture_output=True)
        shutil.copy(Path(directory) / "openpyxl-inline-strings.xlsx", HERE / "libreoffice-shared-strings.xlsx")


def common_workbook():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "企业名单"
    sheet.append(["企业名称", "统一社会信用代码", "补贴金额（元）", "已核验"])
    sheet.append(["深圳市南山区某某科技有限公司", "91440300MA5XXXXX0X", 1234.56, True])
    sheet.append(["A&B <Ltd> \"quoted\" 'single'", None, 42, False])
    sheet.append([])
    sheet["C5"] = -0.05
    sheet.freeze_panes = "A2"
    second = workbook.create_sheet("第二页")
    second["A1"] = "仅一格"
    second["B2"] = 7
    return workbook


def inline_strings_fixture():
    workbook = common_workbook()
    sheet = workbook["企业名单"]
    sheet["A5"] = CellRichText("富文本", TextBlock(InlineFont(b=True), "加粗"), "结尾")
    sheet["A6"] = "=SUM(C2:C3)"
    workbook.save(HERE / "openpyxl-inline-strings.xlsx")


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def handwritten_fixture():
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PKG}"><Relationship Id="R1" Type="{REL}/officeDocument" '
            'Target="/book/Main.xml"/></Relationships>'
        ),
        "book/Main.xml": (
            f'<x:workbook xmlns:x="{MAIN}" xmlns:rel="{REL}"><x:sheets>'
            '<x:sheet name="Second part first" sheetId="7" rel:id="s2"/>'
            '<x:sheet name="Data" sheetId="3" rel:id="s1"/>'
            "</x:sheets></x:workbook>"
        ),
        "book/_rels/Main.xml.rels": (
            f'<Relationships xmlns="{PKG}">'
            f'<Relationship Id="s1" Type="{REL}/worksheet" Target="sheets/Data%20Sheet.xml"/>'
            f'<Relationship Id="s2" Type="{REL}/worksheet" Target="../book/sheets/other.xml"/>'
            f'<Relationship Id="ss" Type="{REL}/sharedStrings" Target="Strings.xml"/>'
            "</Relationships>"
        ),
        "book/Strings.xml": (
            f'<sst xmlns="{MAIN}"><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>'
            "<si><t>line1_x000D_\nline2</t></si>"
            "<si><r><t>rich </t></r><r><rPr><b/></rPr><t>bold</t></r></si></sst>"
        ),
        "book/sheets/Data Sheet.xml": (
            f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData>'
            '<x:row><x:c t="inlineStr"><x:is><x:t xml:space="preserve"> 内联 </x:t></x:is></x:c>'
            '<x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c></x:row>'
            '<x:row><x:c r="B2" t="inlineStr"><x:is><x:r><x:t>run1</x:t></x:r><x:r><x:t>run2</x:t></x:r></x:is></x:c>'
            '<x:c r="D2"><x:v>1.5E-3</x:v></x:c><x:c r="E2" t="str"><x:f>A1</x:f><x:v>cached</x:v></x:c>'
            '<x:c r="F2" t="e"><x:v>#DIV/0!</x:v></x:c><x:c r="G2" s="3"/></x:row>'
            "</x:sheetData></x:worksheet>"
        ),
        "book/sheets/other.xml": (
            f'<worksheet xmlns="{MAIN}"><sheetData><row r="3"><c r="A3" t="b"><v>1</v></c></row></sheetData></worksheet>'
        ),
    }
    with zipfile.ZipFile(HERE / "handwritten.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            # One part stored uncompressed (ZIP method 0), as some tools do for small parts.
            method = zipfile.ZIP_STORED if name.endswith("Strings.xml") else zipfile.ZIP_DEFLATED
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>\n' + xml, compress_type=method)


def malformed_fixture():
    with zipfile.ZipFile(HERE / "openpyxl-inline-strings.xlsx") as source:
        with zipfile.ZipFile(HERE / "malformed.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    data = data.replace(b"</sheetData>", b"<row><c></sheetData>")
                archive.writestr(item, data)


if __name__ == "__main__":
    inline_strings_fixture()
    shared_strings_fixture()
    handwritten_fixture()
    malformed_fixture()
