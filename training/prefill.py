"""Draft a gold file from the extractor's output, for a person to correct.

    python training/prefill.py training/corpus/r006.txt > /tmp/r006.draft.json

The draft is never a gold file as it stands: read the text line by line, fix
every value against gold/README.md, then save it under training/gold/ with an
"annotation" block saying it was corrected by hand.
"""

import sys
from pathlib import Path

from notice_extract.goldformat import dumps, record_to_gold
from notice_extract.pipeline import extract_file

if __name__ == "__main__":
    for arg in sys.argv[1:]:
        rec = extract_file(arg)
        sys.stdout.write(dumps(record_to_gold(rec.model_dump(), source_path=str(Path(arg)))))
