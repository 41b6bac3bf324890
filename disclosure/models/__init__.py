from .attachments import Attachment
from .catalogue import Category
from .chain import ChainStep, ChainTemplate, PendingReview, Review, SignOff
from .items import DisclosureItem, IndexSerial
from .revisions import ItemRevision, RevisionAttachment

__all__ = ["Attachment", "Category", "ChainStep", "ChainTemplate", "DisclosureItem",
           "IndexSerial", "ItemRevision", "PendingReview", "Review", "RevisionAttachment",
           "SignOff"]
