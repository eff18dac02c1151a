#!/usr/bin/env python3
"""Independent verifier of draw protocol v2, written from docs/draw-spec.md only (standard library).

    python3 verify.py draw.json [--opening HASH]   -> prints OK or MISMATCH: ..., exit 0/1
    python3 verify.py --vectors vectors.json       -> checks the test vectors

It checks everything except the LEXIMIN re-solve (that needs an LP solver; see spec section 5),
including the optimality certificate (section 5.1) when the record has one.
"""
import hashlib
import json
import re
import sys


def cj(x):
    """Canonical JSON, spec section 2."""
    if x is None:
        return "null"
    if x is True:
        return "true"
    if x is False:
        return "false"
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        if x.is_integer():
            return str(int(x))
        raise ValueError("non-integer number in hashed data")
    if isinstance(x, str):
        return cj_string(x)
    if isinstance(x, list):
        return "[" + ",".join(cj(e) for e in x) + "]"
    if isinstance(x, dict):
        keys = sorted(x.keys(), key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(cj_string(k) + ":" + cj(x[k]) for k in keys) + "}"
    raise ValueError("unsupported value")


ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def cj_string(s):
    out = []
    for ch in s:
        if ch in ESCAPES:
            out.append(ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ticket_of(seed, M):
    limit = (2**32 // M) * M
    counter = 0
    while True:
        h = hashlib.sha256(("%s:%d" % (seed, counter)).encode("utf-8")).digest()
        v = int.from_bytes(h[:4], "big")
        if v < limit:
            return v % M
        counter += 1


def meets(panel, by_id, quotas):
    for q in quotas:
        n = sum(1 for i in panel if by_id[i]["features"].get(q["category"]) == q["feature"])
        if n < q["min"] or n > q["max"]:
            return False
    return True


def is_hex64(s):
    return isinstance(s, str) and re.fullmatch(r"[0-9a-f]{64}", s) is not None


def external_form(src, value):
    digits = re.sub(r"[\s,，、]", "", value)
    allowed = "0123456789" if src["alphabet"] == "0-9" else "123456"
    return digits if len(digits) == src["digits"] and all(c in allowed for c in digits) else None


def check(r, expect_opening=None):
    """Returns None if the record verifies, else the first mismatch."""
    if r.get("kind") != "draw" or r.get("version") != "2":
        return "not a protocol 2 draw record"
    o = r["opening"]
    snap = r["snapshot"]
    ids = [m["id"] for m in snap]
    key = lambda s: s.encode("utf-16-be")
    if ids != sorted(ids, key=key) or len(set(ids)) != len(ids):
        return "snapshot not sorted/unique"
    if sha(cj([{"features": m["features"], "id": m["id"]} for m in snap])) != o["snapshotHash"]:
        return "snapshot hash"
    if o["members"] != len(snap):
        return "member count"
    ex = r["exclusions"]
    ex_ids = [e["id"] for e in ex]
    if ex_ids != sorted(ex_ids, key=key) or len(set(ex_ids)) != len(ex_ids):
        return "exclusions not sorted/unique"
    if set(ex_ids) & set(ids):
        return "excluded member in snapshot"
    if sha(cj([{"id": e["id"], "reason": e["reason"]} for e in ex])) != o["exclusionsHash"]:
        return "exclusions hash"
    lot = r["lottery"]
    if sha(cj({"M": lot["M"], "counts": lot["counts"], "panels": lot["panels"]})) != o["lotteryHash"]:
        return "lottery hash"
    if sha(cj(o)) != r["openingHash"]:
        return "opening hash"
    if expect_opening is not None and expect_opening.lower() != r["openingHash"]:
        return "opening hash is not the one on the receipt"
    prior = r["priorOpenings"]
    if len(prior) != o["number"] - 1 or any(p["number"] != i + 1 for i, p in enumerate(prior)):
        return "prior openings"
    if (prior[-1]["openingHash"] if prior else None) != o["supersedes"]:
        return "supersedes"

    by_id = {m["id"]: m for m in snap}
    M, panels, counts = lot["M"], lot["panels"], lot["counts"]
    if len(panels) != len(counts) or sum(counts) != M or any(c < 1 for c in counts):
        return "lottery counts"
    for i, p in enumerate(panels):
        if len(p) != o["k"] or any(not (p[j - 1].encode("utf-16-be") < p[j].encode("utf-16-be")) for j in range(1, len(p))):
            return "lottery panel %d size/order" % i
        if i and not ([x.encode("utf-16-be") for x in panels[i - 1]] < [x.encode("utf-16-be") for x in p]):
            return "lottery panels not in canonical order"
        if any(x not in by_id for x in p) or not meets(p, by_id, o["quotas"]):
            return "lottery panel %d invalid" % i
    tickets = {i: 0 for i in ids}
    for p, c in zip(panels, counts):
        for x in p:
            tickets[x] += c
    if set(r["probabilities"]) != set(ids) or any(abs(r["probabilities"][i] - tickets[i] / M) > 1e-9 for i in ids):
        return "probabilities"

    if [c["by"] for c in r["commitments"]] != o["contributors"] or [c["by"] for c in r["reveals"]] != o["contributors"]:
        return "contributors"
    values = []
    for c, rev in zip(r["commitments"], r["reveals"]):
        if rev["value"] is None and rev["salt"] is None:
            values.append({"by": rev["by"], "value": c["commitment"]})
            continue
        if rev["value"] is None or not is_hex64(rev["salt"]):
            return "reveal of %s malformed" % rev["by"]
        if sha("%s:%s:%s" % (r["openingHash"], rev["salt"], rev["value"])) != c["commitment"]:
            return "reveal of %s does not match" % rev["by"]
        values.append({"by": rev["by"], "value": rev["value"]})
    if o["external"] is None:
        if r["external"] is not None:
            return "external value not named at opening"
    elif r["external"] is None or external_form(o["external"], r["external"]) != r["external"]:
        return "external value form"

    if hashlib.sha256(bytes.fromhex(r["secret"])).hexdigest() != o["commitment"]:
        return "office commitment"
    seed = sha(cj({"contributions": values, "external": r["external"], "openingHash": r["openingHash"], "secret": r["secret"]}))
    if seed != r["seed"]:
        return "seed"
    t = ticket_of(seed, M)
    if t != r["ticket"]:
        return "ticket"
    end, drawn = 0, None
    for p, c in zip(panels, counts):
        end += c
        if t < end:
            drawn = p
            break
    if drawn != r["panel"]:
        return "panel"
    alternates = sorted((x for x in ids if x not in drawn), key=lambda x: (sha("%s:alternate:%s" % (seed, x)), x.encode("utf-16-be")))
    if alternates != r["alternates"]:
        return "alternates"

    current, struck = list(drawn), set()
    for n, ch in enumerate(r["challenges"]):
        if ch["juror"] not in current:
            return "challenge %d: juror not on panel" % n
        struck.add(ch["juror"])
        rest = [x for x in current if x != ch["juror"]]
        pick = next((a for a in alternates if a not in current and a not in struck and meets(rest + [a], by_id, o["quotas"])), None)
        if pick != ch["replacement"]:
            return "challenge %d: replacement" % n
        current = sorted(rest + [pick], key=key)
    if "certificate" in r:
        return check_certificate(r)
    return None


def check_certificate(r, tol=1e-4):
    """docs/draw-spec.md section 5.1: the LP dual optimality certificate, arithmetic only."""
    o, p = r["opening"], r["probabilities"]
    members, quotas = r["snapshot"], o["quotas"]
    level = {}
    for n, rd in enumerate(r["certificate"]["rounds"]):
        w, a, d = rd["weights"], rd["alpha"], rd["quotaDuals"]
        if len(d) != len(quotas) or any(i not in p for i in w) or any(x < 0 for x in w.values()):
            return "certificate round %d malformed" % n
        bound = o["k"] * a + sum(dq * (q["max"] if dq > 0 else q["min"]) for dq, q in zip(d, quotas))
        for m in members:
            cover = a + sum(dq for dq, q in zip(d, quotas) if m["features"].get(q["category"]) == q["feature"])
            bound += max(0.0, w.get(m["id"], 0) - cover)
        free = sum(x for i, x in w.items() if i not in level)
        if not free > 0:
            return "certificate round %d weighs nobody unfixed" % n
        z = (bound - sum(x * level[i] for i, x in w.items() if i in level)) / free
        if abs(z - rd["level"]) > tol:
            return "certificate round %d level" % n
        if sorted(rd["fixed"]) != sorted(i for i, x in w.items() if i not in level and x > 0):
            return "certificate round %d fixed set" % n
        if any(p[m["id"]] < rd["level"] - tol for m in members if m["id"] not in level):
            return "certificate round %d: someone below the level" % n
        for i in rd["fixed"]:
            if abs(p[i] - rd["level"]) > tol:
                return "certificate round %d: %s not at the level" % (n, i)
            level[i] = rd["level"]
    if len(level) != len(members):
        return "certificate leaves members without a level"
    return None


def check_vectors(v):
    for case in v["canonicalJson"]:
        if cj(case["value"]) != case["canonical"] or sha(case["canonical"]) != case["sha256"]:
            return "canonical JSON vector %r" % case["canonical"]
    for case in v["tickets"]:
        if ticket_of(case["seed"], case["M"]) != case["ticket"]:
            return "ticket vector %r" % case
    r, e = v["record"], v["expected"]
    got = {
        "openingHash": sha(cj(r["opening"])),
        "snapshotHash": r["opening"]["snapshotHash"],
        "exclusionsHash": r["opening"]["exclusionsHash"],
        "lotteryHash": r["opening"]["lotteryHash"],
        "commitment": r["opening"]["commitment"],
        "seed": r["seed"],
        "ticket": r["ticket"],
        "panel": r["panel"],
        "alternates": r["alternates"],
        "replacement": r["challenges"][0]["replacement"],
    }
    if got != e:
        return "expected values differ from the record"
    return check(r)


def main(argv):
    if len(argv) >= 2 and argv[0] == "--vectors":
        with open(argv[1], encoding="utf-8") as f:
            err = check_vectors(json.load(f))
    else:
        args = list(argv)
        expect = None
        if "--opening" in args:
            i = args.index("--opening")
            expect = args[i + 1]
            del args[i : i + 2]
        if len(args) != 1:
            print(__doc__)
            return 2
        with open(args[0], encoding="utf-8") as f:
            err = check(json.load(f), expect)
    print("OK" if err is None else "MISMATCH: " + err)
    return 0 if err is None else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
