"""The guidance corpus shipped inside the package: knowledge/corpus/<id>.<lang>.md."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from knowledge.chunking import CHUNK_OVERLAP, CHUNK_SIZE, chunk_document
from knowledge.loaders import load_document
from knowledge.types import Chunk, IngestError, LoadedDocument

log = logging.getLogger(__name__)

CORPUS_DIR = Path(__file__).parent / "corpus"
# Bump when loaders or chunking change in a way that changes chunks: shipped docs re-index.
PIPELINE_VERSION = f"3:{CHUNK_SIZE}:{CHUNK_OVERLAP}"


@dataclass(frozen=True)
class ShippedDocument:
    """One guidance document with its language versions."""

    doc_id: str
    version: int
    parts: dict[str, LoadedDocument]  # language -> document
    files: list[str]
    content_hash: str

    def title(self, prefer: str = "nl") -> str:
        """The title in `prefer`red language, else any."""
        part = self.parts.get(prefer) or next(iter(self.parts.values()))
        return part.title

    def chunks(self, version: int) -> list[Chunk]:
        """Chunks of every language version, numbered for `version`."""
        out: list[Chunk] = []
        for lang in sorted(self.parts):
            out.extend(chunk_document(self.parts[lang], doc_id=self.doc_id, version=version))
        return out


def corpus_fingerprint(corpus_dir: Path = CORPUS_DIR) -> str:
    """Hash of every corpus file and the pipeline version: unchanged means nothing to sync."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    for path in sorted(corpus_dir.glob("*.md")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def content_hash(parts: dict[str, LoadedDocument]) -> str:
    """Hash of what a document says (titles, sections, text), not of its file bytes."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    for lang in sorted(parts):
        doc = parts[lang]
        digest.update(f"\0{lang}\0{doc.title}\0".encode())
        for block in doc.blocks:
            digest.update(f"{block.section}\0{block.page}\0{block.text}\0".encode())
    return digest.hexdigest()


def shipped_documents(corpus_dir: Path = CORPUS_DIR) -> list[ShippedDocument]:
    """Parse the corpus; a broken file is logged and skipped rather than blocking the start."""
    grouped: dict[str, dict[str, LoadedDocument]] = {}
    files: dict[str, list[str]] = {}
    versions: dict[str, int] = {}
    for path in sorted(corpus_dir.glob("*.md")):
        try:
            doc = load_document(path, max_bytes=10 * 1024 * 1024)
        except IngestError as exc:
            log.warning("skipping corpus file %s: %s", path.name, exc)
            continue
        doc_id = doc.doc_id or path.name.split(".")[0]
        if doc.language in grouped.get(doc_id, {}):
            log.warning(
                "skipping corpus file %s: a second %s version of %s",
                path.name,
                doc.language,
                doc_id,
            )
            continue
        grouped.setdefault(doc_id, {})[doc.language] = doc
        files.setdefault(doc_id, []).append(path.name)
        versions[doc_id] = max(versions.get(doc_id, 1), doc.version or 1)
    return [
        ShippedDocument(
            doc_id=doc_id,
            version=versions[doc_id],
            parts=parts,
            files=files[doc_id],
            content_hash=content_hash(parts),
        )
        for doc_id, parts in sorted(grouped.items())
    ]
