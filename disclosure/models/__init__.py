from .attachments import Attachment
from .catalogue import Category
from .images import RichTextImage, RichTextImageUse
from .imports import DocumentImport
from .interpretations import InterpretationRule, PolicyLink
from .items import DisclosureItem, IndexSerial
from .redirects import OldUrlRedirect
from .revisions import ItemRevision, RevisionAttachment

__all__ = ["Attachment", "Category", "DisclosureItem", "DocumentImport", "IndexSerial",
           "InterpretationRule", "ItemRevision", "OldUrlRedirect", "PolicyLink",
           "RevisionAttachment", "RichTextImage", "RichTextImageUse"]
