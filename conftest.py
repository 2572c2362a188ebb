"""Shared test set-up.

* A fixed hash seed for every kernel nbval starts (outputs must not depend on it).
* Learners' answers written while the notebooks run go to a temporary folder,
  never into the repository's my-answers/.
"""

import os
import tempfile

os.environ["PYTHONHASHSEED"] = "0"
os.environ.setdefault("NEXUS_ANSWERS_DIR", tempfile.mkdtemp(prefix="nexus-answers-"))
