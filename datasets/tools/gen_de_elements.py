#!/usr/bin/env python3
"""Regenerate datasets/de-elements.csv from HMRC's annotated CDS XML samples.

Usage: gen_de_elements.py SHARED_OFFICIAL_CDS_DIR > de-elements.csv

Each XML comment whose line starts with "DE n/n" (or "n/n:") names the data
element(s) it is about; the comment is attached to the next element that starts
after it. Comments starting with "SCENARIO" (scenario summaries) are ignored.
A comment that sits before a large container (more than 6 leaves:
GoodsShipment, GovernmentAgencyGoodsItem, Commodity, Consignment) is moved to
the container's first child element. Nothing else is inferred: every row is a
(DE, element) pair seen in the samples, with its count and one sample location.
support: primary = at least 2 single-DE comments and at least a tenth of the
DE's best-supported element; conflict:X = a leaf annotated as this DE fewer
than 5 times but at least 10 times as often as DE X (likely a sample typo);
minor = anything else.
"""
import collections, csv, os, re, sys, xml.parsers.expat

SUBJ = [re.compile(r'^\s*(?:DE|D\.E\.)\s*(\d{1,2}/\d{1,2})\b'),
        re.compile(r'^\s*(\d{1,2}/\d{1,2})\s*:')]
NAME = re.compile(r'^\s*(?:DE|D\.E\.)?\s*\d{1,2}/\d{1,2}\s*[:.\-]?\s*([^.\n:]*)')
REPO = 'hmrc/customs-declarations@3d05836938860de81b209559afe8d793725b9462'
PREFIX = 'public/api/conf/3.0/examples/annotated_XML_samples/'
SOURCE_DATE = '2026-06-25 (commit date; samples TTM34.0)'
BIG = 6


def norm(de):
    return '/'.join(str(int(x)) for x in de.split('/'))


def subjects(text):
    """DEs a comment is about: those that open a line of the comment."""
    des, names = [], {}
    for line in text.splitlines():
        for rx in SUBJ:
            m = rx.match(line)
            if m:
                de = norm(m.group(1))
                if de not in des:
                    des.append(de)
                    n = NAME.match(line)
                    names[de] = n.group(1).strip() if n else ''
                break
    return des, names


def scan(path):
    """Yield attachments (des, names, comment_line, elem_path, elem_line, leaves, first_child)."""
    p = xml.parsers.expat.ParserCreate(namespace_separator='|')
    stack, pending, nodes, out = [], [], [], []

    def start(name, attrs):
        stack.append(name.split('|')[-1])
        epath = '/'.join(stack[stack.index('Declaration'):]) if 'Declaration' in stack else None
        if nodes and nodes[-1]['first'] is None:
            nodes[-1]['first'] = (epath, p.CurrentLineNumber)
        nodes.append({'path': epath, 'line': p.CurrentLineNumber, 'leaves': [],
                      'first': None, 'comments': list(pending)})
        pending.clear()

    def end(name):
        node = nodes.pop()
        stack.pop()
        if node['first'] is None and node['path']:
            for n in nodes:
                n['leaves'].append(node['path'])
            node['leaves'].append(node['path'])
        if node['path']:
            for des, names, cl in node['comments']:
                out.append((des, names, cl, node['path'], node['line'],
                            sorted(set(node['leaves'])), node['first']))
        pending.clear()

    def comment(txt):
        if txt.strip().upper().startswith('SCENARIO'):
            return
        des, names = subjects(txt)
        if des:
            pending.append((des, names, p.CurrentLineNumber))

    p.StartElementHandler, p.EndElementHandler, p.CommentHandler = start, end, comment
    p.Parse(open(path, 'rb').read(), True)
    return out


def leaves_under(path, all_leaves):
    return sorted(l for l in all_leaves if l == path or l.startswith(path + '/'))


def main():
    cds = sys.argv[1]
    root = os.path.join(cds, 'examples/valid/annotated_XML_samples')
    wco = {}
    with open(os.path.join(cds, 'derived/wcoid_paths_WCO_DEC_2_DMS.csv')) as f:
        for r in csv.DictReader(f):
            wco[r['xpath'].lstrip('/')] = r['WCOID']
    official = {}
    with open(os.path.join(cds, 'datasets/category-datasets.csv')) as f:
        for r in csv.DictReader(f):
            official.setdefault(r['de'], r['de_name'])
    agg = collections.OrderedDict()
    names = collections.defaultdict(collections.Counter)
    skipped = []
    for dp, dn, fn in os.walk(root):
        dn.sort()
        for fname in sorted(fn):
            if not fname.endswith('.xml'):
                continue
            full = os.path.join(dp, fname)
            rel = os.path.relpath(full, root)
            if b'<Declaration' not in open(full, 'rb').read():
                continue
            try:
                rows = scan(full)
            except xml.parsers.expat.ExpatError as e:
                skipped.append((rel, str(e)))
                continue
            for des, nm, cl, epath, eline, leaves, first in rows:
                if len(leaves) > BIG and first and first[0]:
                    epath, eline = first
                    leaves = None  # recomputed below from the whole sample set
                for de in des:
                    if nm.get(de):
                        names[de][nm[de]] += 1
                    a = agg.setdefault((de, epath), {'n': 0, 'single': 0, 'shared': set(),
                                                     'first': (rel, cl, eline), 'leaves': set()})
                    a['n'] += 1
                    if len(des) == 1:
                        a['single'] += 1
                    else:
                        a['shared'].update(x for x in des if x != de)
                    if leaves:
                        a['leaves'].update(leaves)
    for rel, err in skipped:
        print('skipped (not well-formed):', rel, err, file=sys.stderr)
    best = collections.Counter()
    top = {}  # element path -> (single-DE comment count, DE) of its best-supported DE
    for (de, epath), a in agg.items():
        best[de] = max(best[de], a['single'])
        top[epath] = max(top.get(epath, (0, '')), (a['single'], de))
    w = csv.writer(sys.stdout, lineterminator='\n')
    w.writerow(['de', 'de_name', 'de_name_source', 'level', 'element_path', 'element_wcoid',
                'leaf_paths', 'support', 'comments', 'single_de_comments', 'shared_with',
                'sample_file', 'comment_line', 'element_line', 'source', 'source_date'])

    def key(k):
        a, b = k[0].split('/')
        return (int(a), int(b), k[1])
    for de, epath in sorted(agg, key=key):
        a = agg[(de, epath)]
        if de in official:
            name, nsrc = official[de], 'appendix 21-23 table (category-datasets.csv)'
        elif names[de]:
            name, nsrc = names[de].most_common(1)[0][0], 'sample comments (most frequent wording)'
        else:
            name, nsrc = '', ''
        support = 'primary' if a['single'] >= 2 and a['single'] * 10 >= best[de] else 'minor'
        tn, tde = top[epath]
        leaf = not a['leaves'] or a['leaves'] == {epath}
        if leaf and tde != de and a['single'] < 5 and tn >= 10 * max(a['single'], 1):
            support = 'conflict:' + tde  # this leaf is far more often annotated as another DE
        leaves = sorted(a['leaves']) or [epath]
        leafs = ';'.join('%s=%s' % (l[len(epath) + 1:] or '.', wco.get(l, '?')) for l in leaves)
        rel, cl, el = a['first']
        w.writerow([de, name, nsrc, 'item' if '/GovernmentAgencyGoodsItem' in epath else 'header',
                    epath, wco.get(epath, '?'), leafs, support,
                    a['n'], a['single'], ';'.join(sorted(a['shared'], key=lambda x: key((x, '')))),
                    rel, cl, el, REPO + ':' + PREFIX + rel, SOURCE_DATE])


if __name__ == '__main__':
    main()
