#!/usr/bin/env python3
"""Regenerate datasets/procedure-apc-lists.csv (one row per procedure code).

Usage: gen_apc_verified.py SHARED_OFFICIAL_CDS_DIR > procedure-apc-lists.csv

Reads the Appendix 1 completion-notes pages that trade-tariff/ott-prototype
scraped from GOV.UK (byte copies under datasets/raw/.../scraped-pc/ in the
shared folder) and emits, per procedure code, every Union and National
additional procedure code listed under "The following Additional Procedure
Codes may be used with Procedure Code NNNN". Each page lists the full set for
its procedure code, so each list is complete for that code (as of the copy).
Two more complete lists are quoted in HMRC's CDS Volume 3 step-by-step manual
(MANUAL below). Each row says whether the list equals the rows the shared
procedure-additional-codes.csv holds for that code (so no row is duplicated).
"""
import csv, glob, os, re, sys

SRC = ('trade-tariff/ott-prototype@e5ab46257d219d7ba9fe07ba6cac270b8806e917:'
       'app/data/cpc/scraped-pc/%s.md (copy of the GOV.UK Appendix 1 completion notes for %s)')
DATE = 'by 2023-11-17 (prototype HEAD; scrape date not recorded)'


def lists(text, code):
    """Return (union, national) code lists for procedure code from the page text."""
    m = re.search(r'may be used with Procedure Code %s:(.*?)(?:###\s*Notes|$)' % code, text, re.S)
    if not m:
        raise ValueError('no APC section for %s' % code)
    seg = m.group(1)
    out = []
    for kind in ('Union', 'National'):
        k = re.search(kind + r' Additional Procedure Codes:\s*\n\s*\n?(.*?)\n', seg)
        raw = k.group(1).strip() if k else ''
        if raw.rstrip('.').lower() in ('', 'none'):
            out.append([])
        else:
            out.append([c.strip(' .') for c in raw.split(',') if c.strip(' .')])
    return out


MANUAL = [
    ('0751', 'F06 F15 F44', '1CD 1CG 1EX',
     'https://www.gov.uk/hmrc-internal-manuals/customs-cds-volume-3-tariff-step-by-step-guide/cdssg10020',
     'manual page, undated (stored copy)'),
    ('5100', 'A04 F15 F44', '000 1IE 1PO 2CD 2CG 3HG',
     'https://www.gov.uk/hmrc-internal-manuals/customs-cds-volume-3-tariff-step-by-step-guide/cdssg04420',
     'manual page, undated (stored copy)'),
]


def shared_lists(cds):
    """APC sets per procedure code from the shared procedure-additional-codes.csv."""
    out = {}
    with open(os.path.join(cds, 'datasets/procedure-additional-codes.csv')) as f:
        for r in csv.DictReader(f):
            if r['apc']:
                out.setdefault(r['procedure_code'], set()).add(r['apc'])
    return out


def main():
    root = os.path.join(sys.argv[1], 'datasets/raw/trade-tariff/ott-prototype/app/data/cpc/scraped-pc')
    shared = shared_lists(sys.argv[1])
    rows = []
    for path in sorted(glob.glob(os.path.join(root, '*.md'))):
        code = os.path.basename(path)[:4]
        union, national = lists(open(path, encoding='utf-8', errors='replace').read(), code)
        rows.append((code, union, national, SRC % (code, code), DATE))
    for code, union, national, url, date in MANUAL:
        rows.append((code, union.split(), national.split(), url, date))
    w = csv.writer(sys.stdout, lineterminator='\n')
    w.writerow(['procedure_code', 'direction', 'list_complete', 'union_apcs', 'national_apcs',
                'equals_shared_rows', 'source', 'source_date'])
    for code, union, national, url, date in sorted(rows):
        same = 'yes' if set(union) | set(national) == shared.get(code, set()) else 'no'
        w.writerow([code, 'import', 'yes', ' '.join(union), ' '.join(national) or 'none', same, url, date])


if __name__ == '__main__':
    main()
