"""Guidance documents in the knowledge base: HR adds, updates and removes them; all may list."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from bot.coach.kit import Kit
from bot.coach.types import Actor, Choice, Reply
from knowledge.embeddings import EmbeddingError
from knowledge.index import VectorStoreError
from knowledge.sections import sentences
from knowledge.types import AddResult, IngestError

log = logging.getLogger(__name__)

# the after-upload summary: how many headings and example questions, how long a line
SUMMARY_HEADINGS = 4
SUMMARY_EXAMPLES = 2
SUMMARY_LINE_CHARS = 160

# knowledge's IngestError codes with a message of their own in prompts/<lang>/messages.md
# (``ingest_<code>``); any other code gets the generic ``ingest_other``
INGEST_CODES = (
    "unsupported_type",
    "empty",
    "encrypted_pdf",
    "corrupt",
    "too_large",
    "zip_bomb",
    "not_found",
    "unreadable",
    "invalid_id",
    "invalid_title",
    "over_budget",
    "invalid_front_matter",
    "superseded",
    "not_regular",
)


def format_megabytes(lang: str, size: float) -> str:
    """``5,0 MB`` in Dutch, ``5.0 MB`` in English.

    >>> format_megabytes("nl", 5 * 1024 * 1024)
    '5,0 MB'
    """
    text = f"{size / 1048576:.1f} MB"
    return text.replace(".", ",") if lang == "nl" else text


def ingest_reason(kit: Kit, lang: str, exc: IngestError, filename: str) -> str:
    """Why a document was refused, in the manager's language (knowledge speaks English)."""
    code = getattr(exc, "code", "")
    key = f"ingest_{code}" if code in INGEST_CODES else "ingest_other"
    if key == "ingest_empty" and filename.lower().endswith(".pdf"):
        key = "ingest_empty_pdf"  # most likely a scan: say what to do about it
    limit = format_megabytes(lang, kit.settings.max_upload_bytes)
    return kit.t(lang, key, name=filename, limit=limit, budget=exc.budget or "")


async def add_document(
    kit: Kit,
    actor: Actor,
    lang: str,
    path: Path,
    *,
    filename: str,
    progress: Callable[[int, int], None] | None = None,
) -> Reply:
    """Add or update a guidance document (HR only)."""
    if actor.role != "hr":
        return Reply(kit.t(lang, "hr_only"), lang=lang)
    try:
        result = await kit.run(kit.kb.add, Path(path), source_name=filename, progress=progress)
    except IngestError as exc:
        log.info("document refused: %s", getattr(exc, "code", "?"))
        reason = ingest_reason(kit, lang, exc, filename)
        return Reply(kit.t(lang, "doc_rejected", reason=reason), lang=lang)
    except (EmbeddingError, VectorStoreError):
        # a new version is written in full before it replaces the old one: nothing changed
        log.warning("indexing a document failed", exc_info=True)
        return Reply(kit.t(lang, "doc_index_failed", name=filename), lang=lang)
    await kit.run(
        kit.store.audit,
        actor=actor.external_id,
        action="document.add",
        target=f"document:{result.doc_id}@v{result.version}",
    )
    if result.resembles is not None:
        return _resembles_reply(kit, lang, result)
    if result.unchanged:
        key = "doc_unchanged"
    elif result.replaced_version:
        key = "doc_replaced"
    else:
        key = "doc_added"
    text = kit.t(
        lang,
        key,
        title=result.title,
        version=result.version,
        old=result.replaced_version or "",
        chunks=result.chunks,
        doc_id=result.doc_id,
    )
    if not result.unchanged:
        summary = await kit.run(upload_summary, kit, lang, result.doc_id)
        text = f"{text}\n\n{summary}".strip()
    return Reply(text, lang=lang)


def upload_summary(kit: Kit, lang: str, doc_id: str) -> str:
    """What the bot understood of a new upload, so HR catches a bad parse at once.

    Sections, the first headings, the language, and questions the document now answers best
    (asked of the whole guidance, kept only when this document's section comes first), each
    with the first line of what an answer would say.
    """
    sections = kit.kb.outline(doc_id)
    if not sections:
        return ""
    doc_lang = sections[0].language
    names = kit.prompt("messages", lang).meta.get("language_names", {})
    headings = [s.heading.rsplit(" > ", 1)[-1] for s in sections if s.heading]
    shown = ", ".join(headings[:SUMMARY_HEADINGS]) + (
        ", …" if len(headings) > SUMMARY_HEADINGS else ""
    )
    lines = [
        kit.t(
            lang,
            "doc_summary",
            sections=len(sections),
            language=names.get(doc_lang, doc_lang),
            headings=shown or "–",
        )
    ]
    examples: list[str] = []
    for section in sections:
        if len(examples) == SUMMARY_EXAMPLES:
            break
        if not section.heading:
            continue
        topic = section.heading.rsplit(" > ", 1)[-1]
        topic = topic if topic.isupper() else topic[:1].lower() + topic[1:]
        question = kit.t(doc_lang, "doc_example_question", topic=topic)
        if topic.endswith("?"):
            question = section.heading.rsplit(" > ", 1)[-1]
        found = kit.kb.sections(question, lang=doc_lang, k=1)
        if not found.sections or found.sections[0].section.key != section.key:
            continue  # another document answers this better: not an example of this one
        paragraph = kit.kb.best_paragraph(section, question)
        first = next(iter(sentences(paragraph)), paragraph).strip()
        if len(first) > SUMMARY_LINE_CHARS:
            first = first[: SUMMARY_LINE_CHARS - 1].rstrip() + "…"
        examples.append(kit.t(lang, "doc_example", question=question, first=first))
    if examples:
        lines += ["", kit.t(lang, "doc_examples"), *examples]
    return "\n".join(lines)


def _resembles_reply(kit: Kit, lang: str, result: AddResult) -> Reply:
    """An older version uploaded again: ask before the answers roll back to it."""
    # confirming restores the held upload (or, when identical, the older version itself)
    target = result.resembles if result.identical else result.pending
    text = kit.t(
        lang, "doc_resembles", old=result.resembles, title=result.title, version=result.version
    )
    choices = [
        Choice(kit.t(lang, "doc_use_anyway"), f"/restoredoc {result.doc_id} {target}"[:60]),
        Choice(
            kit.t(lang, "doc_keep_current", version=result.version),
            f"/keepdoc {result.doc_id}"[:60],
        ),
    ]
    return Reply(text, choices=choices, lang=lang)


async def restore_document(kit: Kit, actor: Actor, lang: str, arg: str) -> Reply:
    """/restoredoc ID VERSION (HR only): a kept version answers again."""
    if actor.role != "hr":
        return Reply(kit.t(lang, "hr_only"), lang=lang)
    parts = arg.split()
    if len(parts) != 2 or not parts[1].lstrip("v").isdigit():
        return Reply(kit.t(lang, "doc_restore_usage"), lang=lang)
    doc_id, version = parts[0].lower(), int(parts[1].lstrip("v"))
    try:
        result = await kit.run(kit.kb.restore, doc_id, version)
    except KeyError:
        return Reply(kit.t(lang, "doc_unknown", doc_id=doc_id), lang=lang)
    except IngestError as exc:
        if exc.code != "not_kept":
            raise
        kept = await kit.run(kit.kb.versions, doc_id)
        versions = ", ".join(str(i.version) for i in kept) or "-"
        text = kit.t(lang, "doc_not_kept", version=version, doc_id=doc_id, versions=versions)
        return Reply(text, lang=lang)
    except (EmbeddingError, VectorStoreError):
        log.warning("restoring a document failed", exc_info=True)
        return Reply(kit.t(lang, "doc_index_failed", name=doc_id), lang=lang)
    await kit.run(
        kit.store.audit,
        actor=actor.external_id,
        action="document.restore",
        target=f"document:{result.doc_id}@v{result.version}",
    )
    if result.unchanged:
        key = "doc_unchanged"
    elif result.restored_from == result.version:  # the held upload itself became current
        key = "doc_replaced"
    else:
        key = "doc_restored"
    text = kit.t(
        lang,
        key,
        title=result.title,
        version=result.version,
        old=result.restored_from if key == "doc_restored" else result.replaced_version or "",
        previous=result.replaced_version or "",
        chunks=result.chunks,
        doc_id=result.doc_id,
    )
    return Reply(text, lang=lang)


async def rename_document(kit: Kit, actor: Actor, lang: str, arg: str) -> Reply:
    """/renamedoc ID Title (HR only): another title, not a new version."""
    if actor.role != "hr":
        return Reply(kit.t(lang, "hr_only"), lang=lang)
    doc_id, _, title = arg.strip().partition(" ")
    if not doc_id or not title.strip():
        return Reply(kit.t(lang, "doc_rename_usage"), lang=lang)
    doc_id = doc_id.lower()
    try:
        info = await kit.run(kit.kb.rename, doc_id, title)
    except KeyError:
        return Reply(kit.t(lang, "doc_unknown", doc_id=doc_id), lang=lang)
    except IngestError:
        return Reply(kit.t(lang, "doc_rename_usage"), lang=lang)
    except (EmbeddingError, VectorStoreError):
        log.warning("renaming a document failed", exc_info=True)
        return Reply(kit.t(lang, "doc_index_failed", name=doc_id), lang=lang)
    await kit.run(
        kit.store.audit,
        actor=actor.external_id,
        action="document.rename",
        target=f"document:{info.doc_id}@v{info.version}",
    )
    text = kit.t(lang, "doc_renamed", doc_id=info.doc_id, title=info.title, version=info.version)
    return Reply(text, lang=lang)


async def keep_document(kit: Kit, actor: Actor, lang: str, arg: str) -> Reply:
    """/keepdoc ID (HR only): the answer "no" to an older version; the current one stays."""
    if actor.role != "hr":
        return Reply(kit.t(lang, "hr_only"), lang=lang)
    doc_id = (arg.split() or [""])[0].lower()
    info = next((d for d in await kit.run(kit.kb.list_documents) if d.doc_id == doc_id), None)
    if info is None:
        return Reply(kit.t(lang, "doc_unknown", doc_id=doc_id), lang=lang)
    return Reply(
        kit.t(lang, "doc_kept_current", version=info.version, title=info.title), lang=lang
    )


async def list_documents(kit: Kit, lang: str) -> Reply:
    """The guidance documents in the knowledge base."""
    docs = await kit.run(kit.kb.list_documents)
    lines = [
        kit.t(
            lang,
            "doc_line",
            title=d.title,
            version=d.version,
            doc_id=d.doc_id,
            languages="/".join(d.languages or [d.language]),
        )
        for d in sorted(docs, key=lambda d: d.title.lower())
    ]
    text = kit.t(lang, "docs_header", count=len(docs)) + "\n" + "\n".join(lines)
    return Reply(text.strip(), lang=lang)


async def remove_document(kit: Kit, actor: Actor, lang: str, doc_id: str) -> Reply:
    """Remove a guidance document (HR only)."""
    if actor.role != "hr":
        return Reply(kit.t(lang, "hr_only"), lang=lang)
    try:
        info = await kit.run(kit.kb.remove, doc_id)
    except KeyError:
        return Reply(kit.t(lang, "doc_unknown", doc_id=doc_id), lang=lang)
    except (EmbeddingError, VectorStoreError):
        log.warning("removing a document failed", exc_info=True)
        return Reply(kit.t(lang, "doc_remove_failed", doc_id=doc_id), lang=lang)
    await kit.run(
        kit.store.audit,
        actor=actor.external_id,
        action="document.remove",
        target=f"document:{info.doc_id}@v{info.version}",
    )
    return Reply(kit.t(lang, "doc_removed", title=info.title, doc_id=info.doc_id), lang=lang)
