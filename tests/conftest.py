"""Every test runs with strict column kinds: a numeric column nobody declared a kind for is an
error (salescli/output/model.py), never a silent guess."""

import os

os.environ["SALESCLI_STRICT_KINDS"] = "1"
