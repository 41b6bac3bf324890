from .attachments import Attachment
from .catalogue import Category
from .items import DisclosureItem, IndexSerial

__all__ = ["Attachment", "Category", "DisclosureItem", "IndexSerial"]
