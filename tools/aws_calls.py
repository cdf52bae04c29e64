"""Which AWS API calls each service's code makes, read from the code itself.

tools/check-delivery compares this with the instance roles in deploy/terraform/modules/iam, so that a
role grants exactly what its code calls; `python3 tools/aws_calls.py` prints the table.

Two steps, both read from the source at check time:

1. crates/common/src/aws/<service>.rs wraps one AWS service: every method of its impl blocks is a
   service method (`get`, `put_if_absent`, `receive`, ...), and the operations it calls on the SDK
   client (`self.client.put_object()`, `.get_queue_attributes()`, ...) are the API calls it makes:
   `put_object` is S3's PutObject, `s3:PutObject` to IAM.
2. Each binary's own source (crates/polybot/src, crates/yolo5/src) calls service methods on the clients
   it holds: `state.store.get(...)`, `self.queue.set_visibility(...)`, `aws.secrets().get(...)`.
   What a receiver is called is the one thing kept as data (RECEIVERS); a call on an unknown
   receiver is not counted, so the check fails and says which permission looks unused.

Test modules (`#[cfg(test)] mod ...` to the end of a file) and files that build the in-memory fakes
(`Memory...::new`) do not talk to AWS and are left out.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
AWS = ROOT / "crates/common/src/aws"

# The IAM prefix of each wrapper file's service.
SERVICES = {"s3": "s3", "sqs": "sqs", "dynamodb": "dynamodb", "secretsmanager": "secretsmanager"}

# What the binaries call each service's client (a field, a variable or Aws's factory method).
RECEIVERS = {
    "store": "s3",
    "object_store": "s3",
    "queue": "sqs",
    "job_queue": "sqs",
    "table": "dynamodb",
    "prediction_table": "dynamodb",
    "secrets": "secretsmanager",
}

# The binaries and their sources; the roles in modules/iam carry the same names.
ROLES = {"polybot": "crates/polybot/src", "yolo5": "crates/yolo5/src"}

def strip_tests(text):
    """The file without its test module, which by convention ends the file."""
    match = re.search(r"^#\[cfg\(test\)\]\s*\n\s*mod\s", text, re.M)
    return text[: match.start()] if match else text


def strip_comments(text):
    return re.sub(r"//[^\n]*", "", text)


def pascal(snake):
    return "".join(part.capitalize() for part in snake.split("_"))


def methods(text):
    """Each `fn name(` in the text with its body, found by matching braces."""
    for match in re.finditer(r"\bfn\s+(\w+)\s*(?:<[^>]*>)?\(", text):
        start = text.find("{", match.end())
        # Trait method declarations end in `;` before any `{`.
        if start < 0 or ";" in text[match.end() : start]:
            continue
        depth, end = 0, start
        for end in range(start, len(text)):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0:
                break
        yield match[1], text[start : end + 1]


def service_methods():
    """{service: {method: {API call, ...}}} from the wrapper files."""
    found = {}
    for path in sorted(AWS.glob("*.rs")):
        service = SERVICES.get(path.stem)
        if service is None:
            continue
        text = strip_comments(strip_tests(path.read_text()))
        calls = found.setdefault(service, {})
        for name, body in methods(text):
            # An API call is an operation on the wrapper's SDK client: `self.client.put_object()`.
            ops = re.findall(r"\bclient\s*\.\s*([a-z][a-z0-9_]*)\s*\(", body)
            calls[name] = {f"{service}:{pascal(op)}" for op in ops}
        # A method that calls another of the same wrapper (mark_notified's get) makes its calls too.
        for _ in range(len(calls)):
            for name, body in methods(text):
                for other in re.findall(r"\bself\s*\.\s*(\w+)\s*\(", body):
                    if other in calls and other != name:
                        calls[name] |= calls[other]
    return found


def role_sources(role):
    """The role's source files that talk to AWS, and those left out (they build in-memory fakes)."""
    used, fakes = [], []
    for path in sorted((ROOT / ROLES[role]).rglob("*.rs")):
        text = strip_tests(path.read_text())
        (fakes if re.search(r"\bMemory\w+::new\s*\(", text) else used).append(path)
    return used, fakes


def role_calls(role, services=None):
    """{API call: {(file, method), ...}} for one binary."""
    services = services or service_methods()
    calls = {}
    receivers = "|".join(RECEIVERS)
    pattern = re.compile(r"\b(" + receivers + r")\b(?:\s*\([^()]*\))?\s*\.\s*(\w+)\s*\(")
    for path in role_sources(role)[0]:
        text = strip_comments(strip_tests(path.read_text()))
        for receiver, method in pattern.findall(text):
            service = RECEIVERS[receiver]
            for call in services.get(service, {}).get(method, ()):
                calls.setdefault(call, set()).add((str(path.relative_to(ROOT)), method))
    return calls


def main():
    services = service_methods()
    print("Service methods and the API calls they make (crates/common/src/aws):")
    for service, found in services.items():
        for method, calls in sorted(found.items()):
            if calls:
                print(f"  {service:15} {method:22} {', '.join(sorted(calls))}")
    for role in ROLES:
        used, fakes = role_sources(role)
        print(f"\n{role} calls ({ROLES[role]}; left out, in-memory fakes only: "
              f"{', '.join(str(p.relative_to(ROOT)) for p in fakes) or 'none'}):")
        for call, sites in sorted(role_calls(role, services).items()):
            print(f"  {call:32} via {', '.join(sorted({m for _, m in sites}))}")


if __name__ == "__main__":
    sys.exit(main())
