# Compares two text-format FileDescriptorSets: ours (argv[2]) against the official Mesos protos (argv[1]).
import re, sys
def parse(text):
    toks = re.findall(r'"(?:[^"\\]|\\.)*"|[{}]|[A-Za-z_][\w]*:?|-?[\d.]+(?:e-?\d+)?', text)
    pos = 0
    def block():
        nonlocal pos
        node = []
        while pos < len(toks):
            t = toks[pos]
            if t == '}':
                pos += 1; return node
            name = t.rstrip(':'); pos += 1
            if toks[pos] == '{':
                pos += 1; node.append((name, block()))
            else:
                node.append((name, toks[pos].strip('"') if toks[pos].startswith('"') else toks[pos])); pos += 1
        return node
    return block()
def get(node, key): 
    for k, v in node:
        if k == key: return v
def getall(node, key): return [v for k, v in node if k == key]
def collect(fds):
    msgs, enums = {}, {}
    for f in getall(fds, 'file'):
        pkg = get(f, 'package')
        def walk(m, prefix):
            full = prefix + '.' + get(m, 'name')
            fields = {}
            for fd in getall(m, 'field'):
                opts = get(fd, 'options') or []
                fields[get(fd, 'name')] = (get(fd, 'number'), get(fd, 'label'), get(fd, 'type'), get(fd, 'type_name'), get(fd, 'default_value'), get(opts, 'deprecated'))
            msgs[full] = fields
            for n in getall(m, 'nested_type'): walk(n, full)
            for e in getall(m, 'enum_type'): enums[full + '.' + get(e, 'name')] = {get(v, 'name'): get(v, 'number') for v in getall(e, 'value')}
        for m in getall(f, 'message_type'): walk(m, pkg)
        for e in getall(f, 'enum_type'): enums[pkg + '.' + get(e, 'name')] = {get(v, 'name'): get(v, 'number') for v in getall(e, 'value')}
    return msgs, enums
om, oe = collect(parse(open(sys.argv[1]).read()))
mm, me = collect(parse(open(sys.argv[2]).read()))
problems = 0
for name, fields in mm.items():
    if name.startswith('mezzo.'): continue
    if name not in om:
        print('MESSAGE not official:', name); problems += 1; continue
    for fname, spec in fields.items():
        o = om[name].get(fname)
        if o is None:
            print('FIELD not official: %s.%s' % (name, fname)); problems += 1
        elif o[:4] != spec[:4] or o[4] != spec[4] or (o[5] or 'false') != (spec[5] or 'false'):
            print('DIFF %s.%s ours=%s official=%s' % (name, fname, spec, o)); problems += 1
for name, vals in me.items():
    if name.startswith('mezzo.'): continue
    if name not in oe: print('ENUM not official:', name); problems += 1; continue
    for v, n in vals.items():
        if oe[name].get(v) != n: print('ENUM DIFF %s.%s ours=%s official=%s' % (name, v, n, oe[name].get(v))); problems += 1
    missing = set(oe[name]) - set(vals)
    if missing: print('ENUM missing values %s: %s' % (name, sorted(missing)))
print("problems:", problems)
sys.exit(1 if problems else 0)
