from .attachments import Attachment
from .catalogue import Category
from .images import RichTextImage
from .items import DisclosureItem, IndexSerial
from .revisions import ItemRevision, RevisionAttachment

__all__ = ["Attachment", "Category", "DisclosureItem", "IndexSerial", "ItemRevision",
           "RevisionAttachment", "RichTextImage"]
