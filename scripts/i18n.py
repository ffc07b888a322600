#!/usr/bin/env python3
"""Keeps the Arabic (and the few English) .resx files in step with the code.

  scripts/i18n.py missing RESX FOLDER...   keys used as S["..."]/T["..."] in FOLDER(s) but not in RESX
  scripts/i18n.py add RESX JSON            adds {"key": "text", ...} from JSON to RESX (sorted, no duplicates)

The test LocalizationTests checks the same thing on every run; this script only helps write them.
"""
import json, os, re, sys
import xml.etree.ElementTree as ET

KEY = re.compile(r'\b[SsTt]\["((?:[^"\\]|\\.)*)"')
HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def read(resx):
    if not os.path.exists(resx):
        return {}
    return {d.get('name'): (d.find('value').text or '') for d in ET.parse(resx).getroot().findall('data')}

def write(resx, entries):
    def esc(s):
        return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')
    with open(resx, 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for k in sorted(entries, key=str.casefold):
            f.write(f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(entries[k])}</value></data>\n')
        f.write('</root>\n')

def used(folders):
    keys = set()
    for folder in folders:
        for root, _, files in os.walk(folder):
            if '/bin' in root or '/obj' in root:
                continue
            for name in files:
                if name.endswith(('.cs', '.cshtml')):
                    with open(os.path.join(root, name), encoding='utf-8') as f:
                        keys.update(m.group(1).replace('\\"', '"') for m in KEY.finditer(f.read()))
    return keys

if __name__ == '__main__':
    if len(sys.argv) >= 4 and sys.argv[1] == 'missing':
        have = read(sys.argv[2])
        for k in sorted(used(sys.argv[3:]) - set(have)):
            print(k)
    elif len(sys.argv) == 4 and sys.argv[1] == 'add':
        entries = read(sys.argv[2])
        with open(sys.argv[3], encoding='utf-8') as f:
            entries.update(json.load(f))
        write(sys.argv[2], entries)
        print(f'{len(entries)} entries in {sys.argv[2]}')
    else:
        print(__doc__)
        sys.exit(2)
