"""Run the CLI as a real process, with test-only slowdowns and crashes in its workers.

    python tests/cli_harness.py extract ...

Environment (read in each worker, after fork):
  NE_TEST_DELAY   seconds every document sleeps before it is processed
  NE_TEST_KILLER  doc_id whose worker kills itself with SIGKILL (every time)

SIGINT always raises KeyboardInterrupt here, even when the test run inherited it ignored.
"""

import os
import signal
import sys
import time

from notice_extract import batch

_process = batch.process


def _process_with_faults(item, *args, **kwargs):
    if item.doc_id == os.environ.get("NE_TEST_KILLER"):
        os.kill(os.getpid(), signal.SIGKILL)
    delay = float(os.environ.get("NE_TEST_DELAY") or 0)
    if delay:
        time.sleep(delay)
    return _process(item, *args, **kwargs)


batch.process = _process_with_faults

if __name__ == "__main__":
    from notice_extract.cli import app

    # Ctrl-C as from a terminal. A test run started in the background by a non-interactive
    # shell (CI scripts, `cmd &`) has SIGINT ignored, this process inherits that, and
    # Python then installs no KeyboardInterrupt handler: SIGINT would do nothing.
    signal.signal(signal.SIGINT, signal.default_int_handler)

    sys.argv[0] = "notice-extract"
    app()
