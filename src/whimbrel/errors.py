"""whimbrel's errors: one small tree, each error with a stable code and a fix.

    WhimbrelError                      (W000)  base; ``code`` + message that says what to do
    ├── InputError                     (W1xx)  the user gave us something we cannot read
    │   ├── InputNotFound              W101    a path does not exist
    │   ├── InputEncodingError         W102    bytes are not text in a known encoding
    │   ├── BadDate                    W103    a date is not YYYY-MM-DD
    │   ├── UnknownFormat              W104    an unknown --format / --input-format
    │   ├── BadRecord                  W105    a JSONL/CSV row lacks required fields
    │   ├── EmptyInput                 W106    nothing to code
    │   ├── FetchError                 W107    a URL could not be fetched (or is refused)
    │   └── BadSetting                 W108    a WHIMBREL_* environment setting is malformed
    ├── ModelError                     (W2xx)  NLP pipeline or trained model problems
    │   ├── ModelNotInstalled          W201    the spaCy model named in settings is absent
    │   └── TrainedModelMissing        W202    the shipped classifier is missing/corrupt
    ├── KnowledgeBaseError             (W3xx)  actor knowledge base files
    │   └── KnowledgeBaseFileError     W301    a user KB file is unreadable or invalid
    ├── StoreError                     (W4xx)  the database
    │   └── DatabaseLocked             W401    another process holds the DuckDB file
    ├── GoldFileError                  (W5xx)  an evaluation file is malformed
    └── ServerError                    (W6xx)  API / serving configuration

A rejected article in a batch is *data* (``records.Rejected``), not one of these.
Library code raises these; only the CLI turns them into a message and an exit code.
"""

from __future__ import annotations


class WhimbrelError(Exception):
    """Base of every whimbrel error; ``str(err)`` is ``[Wnnn] what. Try: fix.``"""

    code = "W000"

    def __init__(self, message: str, fix: str | None = None) -> None:
        self.message = message
        self.fix = fix
        text = f"[{self.code}] {message}"
        if fix:
            text += f" Try: {fix}"
        super().__init__(text)


class InputError(WhimbrelError):
    code = "W100"


class InputNotFound(InputError):
    code = "W101"


class InputEncodingError(InputError):
    code = "W102"


class BadDate(InputError):
    code = "W103"


class UnknownFormat(InputError):
    code = "W104"


class BadRecord(InputError):
    code = "W105"


class EmptyInput(InputError):
    code = "W106"


class FetchError(InputError):
    code = "W107"


class BadSetting(InputError):
    code = "W108"


class ModelError(WhimbrelError):
    code = "W200"


class ModelNotInstalled(ModelError):
    code = "W201"


class TrainedModelMissing(ModelError):
    code = "W202"


class KnowledgeBaseError(WhimbrelError):
    code = "W300"


class KnowledgeBaseFileError(KnowledgeBaseError):
    code = "W301"


class StoreError(WhimbrelError):
    code = "W400"


class DatabaseLocked(StoreError):
    code = "W401"


class GoldFileError(WhimbrelError):
    code = "W500"


class ServerError(WhimbrelError):
    code = "W600"
