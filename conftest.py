"""Shared test set-up.

* A fixed hash seed for every kernel nbval starts (outputs must not depend on it).
* Learners' answers written while the notebooks run go to a temporary folder,
  never into the repository's my-answers/; it is removed when the run ends.
"""

import atexit
import os
import shutil
import tempfile

os.environ["PYTHONHASHSEED"] = "0"
if "NEXUS_ANSWERS_DIR" not in os.environ:
    _answers = tempfile.mkdtemp(prefix="nexus-answers-")
    os.environ["NEXUS_ANSWERS_DIR"] = _answers
    atexit.register(shutil.rmtree, _answers, ignore_errors=True)
