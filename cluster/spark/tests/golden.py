"""Where the golden scenarios are and how their expected files read (test/golden/README.md)."""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_GOLDEN = os.path.normpath(os.path.join(HERE, "..", "..", "..", "test", "golden"))
# The shared oracle, used for an expected file the project's copy lacks.
SHARED_GOLDEN = "/work/shared/golden"


def golden_dirs():
    """The golden roots: CINEMATCH_GOLDEN_DIR when set, else the repository's test/golden/, then the shared copy."""
    configured = os.environ.get("CINEMATCH_GOLDEN_DIR")
    roots = [configured] if configured else [REPO_GOLDEN, SHARED_GOLDEN]
    return [root for root in roots if os.path.isdir(root)]


def scenarios():
    """{name: folder} for every scenario (a folder holding events.jsonl) of the first golden root."""
    roots = golden_dirs()
    if not roots:
        return {}
    root = roots[0]
    return {name: os.path.join(root, name) for name in sorted(os.listdir(root))
            if os.path.isfile(os.path.join(root, name, "events.jsonl"))}


def expected_path(scenario, folder, file_name):
    """The expected file, from the scenario's folder or, when it lacks it, from the other golden roots."""
    for candidate in [folder] + [os.path.join(root, scenario) for root in golden_dirs()[1:]]:
        path = os.path.join(candidate, "expected", file_name)
        if os.path.isfile(path):
            return path
    return None


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)
