"""Post-processes rasn-compiler 0.16's output for H.225.0 v7, H.235 and H.245 (see gen-h323-asn1).

What it changes, and why:
1. Each module goes to its own file (h225.rs, h235.rs, h245.rs) without its `pub mod` wrapper,
   and `use super::<module>` becomes `use crate::<file>`. Compiled together, the three modules give
   138 errors (names defined in more than one module emitted once), so they are compiled apart.
2. H.235's parameterised types HASHED{}, SIGNED{} and ENCRYPTED{} are left unresolved by the
   compiler; their structure does not depend on the parameter, so each is an alias of the type
   the compiler made for one of its instances in H.235 (CryptoToken's).
3. The generated `new` constructors stay: rasn marks an extensible type `#[non_exhaustive]`, so
   outside this crate `new` is the only way to build one.
5. Extension additions of constrained delegate types carry their type's constraint on the field.
   rasn 0.30 encodes an extension addition with the constraints of the field (its derive takes
   `Option<T>`'s, which are empty) instead of T's own, so `timeToLive` (INTEGER (1..4294967295))
   came out unconstrained and a GatekeeperIdentifier (BMPString (SIZE (1..128))) with an octet
   length: bytes that pycrate and tshark read differently, and that rasn could not read back from
   them. Stating the constraint on the field gives the encoding X.691 asks for.
4. Every mandatory extension addition becomes OPTIONAL. Endpoints of earlier versions do not send
   what later versions added (a v1 RRQ has no keepAlive), and the module declares many such
   additions as plain BOOLEAN or SEQUENCE OF; a decoder that insists on them refuses real
   endpoints. Encoders fill them in.
"""
import pathlib
import re
import sys

MODULES = {
    "H323-MESSAGES": ("h323_messages", "h225"),
    "H235-SECURITY-MESSAGES": ("h235_security_messages", "h235"),
    "MULTIMEDIA-SYSTEM-CONTROL": ("multimedia_system_control", "h245"),
}
ALIASES = {
    "HASHED": "CryptoTokenCryptoHashedTokenToken",
    "SIGNED": "CryptoTokenCryptoSignedTokenToken",
    "ENCRYPTED": "CryptoTokenCryptoEncryptedTokenToken",
}


def matching(text, start, open_ch, close_ch):
    """Index just past the bracket closing the one at `start`."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == open_ch:
            depth += 1
        elif text[i] == close_ch:
            depth -= 1
            if depth == 0:
                return i + 1
    raise ValueError("unbalanced brackets")


def unwrap_module(text, name):
    m = re.search(r"pub mod " + name + r" \{", text)
    if not m:
        raise SystemExit(f"module {name} not found")
    end = matching(text, m.end() - 1, "{", "}")
    return text[: m.start()] + text[m.end() : end - 1] + text[end:]


def optional_extension_additions(text):
    """`#[rasn(extension_addition ...)] pub f : T ,` with T not an Option becomes Option<T>, and
    so does the parameter `f` of the struct's `new`."""
    out = []
    pos = 0
    field = re.compile(r"# \[rasn \(extension_addition[^\]]*\] pub ([A-Za-z0-9_]+) : ")
    struct = re.compile(r"pub struct ([A-Za-z0-9_]+) \{")
    changed = {}  # struct name -> {field: type}
    count = 0
    structs = [(m.start(), m.group(1)) for m in struct.finditer(text)]
    for m in field.finditer(text):
        i = m.end()
        depth = 0
        j = i
        while True:
            c = text[j]
            if c == "<":
                depth += 1
            elif c == ">":
                depth -= 1
            elif c in ",}" and depth == 0:
                break
            j += 1
        ty = text[i:j].strip()
        out.append(text[pos:i])
        if ty.startswith("Option <"):
            out.append(text[i:j])
        else:
            owner = [name for start, name in structs if start < m.start()][-1]
            changed.setdefault(owner, {})[m.group(1)] = ty
            out.append(f"Option < {ty} > ")
            count += 1
        pos = j
    out.append(text[pos:])
    text = "".join(out)
    for owner, fields in changed.items():
        m = re.search(r"impl " + owner + r" \{ pub fn new \(", text)
        end = matching(text, m.end() - 1, "(", ")")
        params = text[m.end() : end]
        for name, ty in fields.items():
            params, n = re.subn(r"\b" + name + r" : " + re.escape(ty) + r"(?= ?[,)])", f"{name} : Option < {ty} >", params)
            if n != 1:
                raise SystemExit(f"{owner}::new: parameter {name} not found")
        text = text[: m.end()] + params + text[end:]
    return text, count


def delegate_constraints(texts):
    """Delegate newtypes' constraints (`size(...)`, `value(...)`), through delegates of delegates."""
    pattern = re.compile(r"# \[rasn \(delegate((?: , [^\]]*)?)\)\] pub struct ([A-Za-z0-9_]+) \(pub ([A-Za-z0-9_<> ]+?)\) ;")
    own, inner = {}, {}
    for text in texts:
        for m in pattern.finditer(text):
            attrs = [a.strip() for a in re.findall(r"(?:size|value) \([^)]*\)", m.group(1))]
            own[m.group(2)] = attrs
            inner[m.group(2)] = m.group(3).strip()
    resolved = {}
    for name in own:
        seen, n, attrs = set(), name, []
        while n in own and n not in seen:
            seen.add(n)
            for a in own[n]:
                if not any(a.split(" ")[0] == b.split(" ")[0] for b in attrs):
                    attrs.append(a)
            n = inner[n]
        if attrs:
            resolved[name] = attrs
    return resolved


def constrain_extension_additions(text, constraints):
    count = 0

    def fix(m):
        nonlocal count
        attrs, field, ty = m.group(1), m.group(2), m.group(3)
        wanted = [a for a in constraints.get(ty, []) if a.split(" ")[0] + " (" not in attrs]
        if not wanted:
            return m.group(0)
        count += 1
        return f"# [rasn (extension_addition{attrs} , {' , '.join(wanted)})] pub {field} : Option < {ty} >"

    text = re.sub(r"# \[rasn \(extension_addition((?: , [^\]]*)?)\)\] pub ([A-Za-z0-9_]+) : Option < ([A-Za-z0-9_]+) >", fix, text)
    return text, count


def main():
    raw, dest = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    constraints = delegate_constraints((raw / f"{asn}.rs").read_text() for asn in MODULES)
    for asn, (module, file) in MODULES.items():
        text = (raw / f"{asn}.rs").read_text()
        text = unwrap_module(text, module)
        # The module-level attributes become inner attributes of the file.
        text = text.replace("# [allow (", "# ! [allow (", 1)
        for other, (other_module, other_file) in MODULES.items():
            text = text.replace(f"use super :: {other_module} ::", f"use crate :: {other_file} ::")
        text, count = optional_extension_additions(text)
        text, constrained = constrain_extension_additions(text, constraints)
        print(f"{file}.rs: {constrained} extension additions given their type's constraint", file=sys.stderr)
        if file == "h225":
            for alias, target in ALIASES.items():
                if not re.search(r"\b" + alias + r"\b", text):
                    raise SystemExit(f"{alias} no longer appears: check the aliases")
            text += "".join(f"\npub type {a} = crate::h235::{t};" for a, t in ALIASES.items())
        header = (
            f"//! {asn} (ITU-T), compiled by rasn-compiler 0.16 and post-processed by\n"
            "//! scripts/gen-h323-asn1. Generated: do not edit; regenerate.\n"
        )
        (dest / f"{file}.rs").write_text(header + text + "\n")
        print(f"{file}.rs: {count} extension additions made optional", file=sys.stderr)


main()
