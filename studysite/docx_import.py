"""`import-docx`: a Word file becomes a page of the site, then the page is reviewed.

    import-docx 文件.docx --section study/legislation [--slug local-rules]
    import-docx 讲座.docx --lecture --category 立法工作 --slug budget-review
    import-docx 文件.docx --check        # review the Word file itself, import nothing

The page goes to docs/<section>/<slug>.md (a lecture to docs/lectures/posts/<YYYY-MM>-<slug>.md)
with its pictures in a folder of the same name beside it. Nothing is written when anything
is wrong, and an existing page is never replaced without --force.

Exit status: 0 imported, no error-level finding; 1 imported, the review found errors to
fix before publishing; 2 nothing imported (the reason is one line on standard error)."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from .docx_markdown import Page, convert
from .docx_read import DocxError, read

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SECTION = re.compile(r"^[a-z0-9-]+(?:/[a-z0-9-]+)*$")
EXIT_OK, EXIT_FINDINGS, EXIT_TROUBLE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.exit(EXIT_TROUBLE, f"import-docx: 参数错误：{message}（运行 import-docx --help 查看用法）\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="import-docx",
        description="把 Word 文件（.docx）导入为学习园地的页面，并审核导入的页面。",
        epilog="退出状态：0 已导入且无错误；1 已导入，但审核发现须改正的错误；2 未导入（原因见提示）。",
    )
    p.add_argument("docx", metavar="文件.docx", help="要导入的 Word 文件")
    p.add_argument("--section", metavar="栏目", help="页面所在栏目，即 docs/ 下的目录，如 study/legislation")
    p.add_argument("--lecture", action="store_true", help="作为「人大讲堂」文章导入（docs/lectures/posts/）")
    p.add_argument("--category", metavar="分类", help="讲堂分类，须已在 mkdocs.yml 的 extra.lecture_categories 中登记")
    p.add_argument(
        "--slug", metavar="英文短名", help="网址和文件名用的英文短名（小写字母、数字、短横线）；默认取文件名"
    )
    p.add_argument("--root", default=".", metavar="目录", help="站点根目录（含 docs/ 和 mkdocs.yml），默认当前目录")
    p.add_argument("--force", action="store_true", help="页面已存在时覆盖")
    p.add_argument("--check", action="store_true", help="只审核 Word 文件本身（按段落和字报告问题），不导入")
    return p


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except DocxError as exc:
        print(f"import-docx: {exc}", file=sys.stderr)
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        print("import-docx: 已中断，未写入任何文件", file=sys.stderr)
        return 130


def run(args) -> int:
    source = Path(args.docx)
    if not source.is_file():
        raise DocxError(f"{source}：文件不存在")
    root = Path(args.root)
    if args.check:
        return check_only(source, root)
    docs = root / "docs"
    if not docs.is_dir():
        raise DocxError(f"{root}：不是站点根目录（没有 docs/ 目录），请用 --root 指明")
    slug = args.slug or _slug_from(source)
    if not SLUG.match(slug):
        raise DocxError(
            f"英文短名「{slug}」只能用小写英文字母、数字和短横线，请用 --slug 指定，如 --slug budget-review"
        )
    if args.lecture:
        _check_category(root, args.category)
    elif not args.section or not SECTION.match(args.section.strip("/")) or ".." in args.section:
        raise DocxError("请用 --section 指明栏目（docs/ 下的目录，如 study/legislation），讲堂文章用 --lecture")

    document = read(source)  # DocxError: nothing written
    page = convert(document, image_folder=slug)
    if not page.date:
        raise DocxError(f"{source}：找不到成文日期，文件也没有创建日期，无法确定页面日期")
    if args.lecture:
        if not page.speaker:
            raise DocxError(f"{source}：讲堂文章需要「主讲人：姓名（职务）」一行，文件中没有找到")
        folder = docs / "lectures" / "posts"
        target = folder / f"{page.date[:7]}-{slug}.md"
        images = folder / f"{page.date[:7]}-{slug}"
        page = convert(document, image_folder=images.name)
    else:
        folder = docs / args.section.strip("/")
        target = folder / f"{slug}.md"
        images = folder / slug
    text = front_matter(page, args, slug) + "\n" + _with_more(page.body, args.lecture)
    for path in (target, images if document.images else None):
        if path is not None and path.exists() and not args.force:
            raise DocxError(f"{path} 已存在，未覆盖（确需覆盖请加 --force）")
    write(target, text, images, document.images)
    shown = os.path.relpath(target, root)
    print(
        f"已导入：{shown}"
        + (f"（图片 {len(document.images)} 张，在 {os.path.relpath(images, root)}/）" if document.images else "")
    )
    return review(root, shown)


def check_only(source: Path, root: Path) -> int:
    from review.model import ReviewError

    from .docx_check import check

    try:
        lines, errors = check(source, root)
    except ReviewError as exc:
        print(f"import-docx: 审核未能运行：{exc}", file=sys.stderr)
        return EXIT_TROUBLE
    for line in lines:
        print(line)
    print(f"审核发现 {len(lines)} 处问题（错误 {errors}）。" if lines else "审核通过：未发现问题。")
    return EXIT_FINDINGS if errors else EXIT_OK


def _slug_from(source: Path) -> str:
    stem = source.stem.lower().replace("_", "-").replace(" ", "-")
    return stem if SLUG.match(stem) else ""


def _check_category(root: Path, category: str | None) -> None:
    known = _lecture_categories(root / "mkdocs.yml")
    if not category:
        raise DocxError("讲堂文章请用 --category 指明分类，可用：" + "、".join(known))
    if known and category not in known:
        raise DocxError(f"讲堂分类「{category}」未在 lecture-categories.yml 中登记，可用：" + "、".join(known))


def _lecture_categories(config: Path) -> list[str]:
    # The one registry, next to mkdocs.yml (also read by the build and by review).
    from studysite.lectures import LectureError, read_table

    try:
        return list(read_table(config.parent / "lecture-categories.yml"))
    except LectureError:
        return []


def front_matter(page: Page, args, slug: str) -> str:
    meta: dict = {"title": page.title, "date": page.date}
    if args.lecture:
        meta.update(slug=slug, categories=[args.category], tags=["人大讲堂"], speaker=page.speaker)
        if page.speaker_title:
            meta["speaker_title"] = page.speaker_title
        # No summary: the site shows it above the text, and the first paragraph repeated
        # there reads badly; the editor writes one (add-lecture.md).
    body = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    # An ISO date string is written unquoted, as in the site's own pages.
    body = re.sub(r"^date: '(\d{4}-\d{2}-\d{2})'$", r"date: \1", body, flags=re.M)
    return "---\n" + body + "---\n"


def _with_more(body: str, lecture: bool) -> str:
    """A lecture needs <!-- more --> after its opening paragraph (the list's excerpt)."""
    if not lecture:
        return body
    parts = body.split("\n\n")
    at = next((i for i, part in enumerate(parts) if i > 0 and not part.startswith(("#", "!["))), 1)
    return "\n\n".join([*parts[: at + 1], "<!-- more -->", *parts[at + 1 :]])


def write(target: Path, text: str, images: Path, pictures) -> None:
    """All or nothing: pictures into a temporary folder renamed into place, then the page
    through a temporary file and a rename; a failure removes what this run wrote."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = None
    try:
        if pictures:
            staged = Path(tempfile.mkdtemp(dir=target.parent, prefix=".import-"))
            for picture in pictures:
                (staged / picture.name).write_bytes(picture.data)
            if images.exists():
                shutil.rmtree(images)  # only reached with --force
            os.replace(staged, images)
            staged = None
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".import-", suffix=".md")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        if pictures and images.exists() and not target.exists():
            shutil.rmtree(images, ignore_errors=True)
        raise DocxError(f"{target}：写入失败（{exc.strerror}），未导入") from None
    finally:
        if staged is not None:
            shutil.rmtree(staged, ignore_errors=True)


def review(root: Path, shown: str) -> int:
    """The imported page through the same rules as the site (review.api)."""
    from review.api import check_text, load_rules
    from review.model import ReviewError

    try:
        rules = load_rules(root)
        text = (root / shown).read_text(encoding="utf-8")
        findings = check_text(rules, shown, text)
    except ReviewError as exc:
        print(f"import-docx: 审核未能运行：{exc}", file=sys.stderr)
        return EXIT_TROUBLE
    for f in findings:
        arrow = f" → {f.suggestion}" if f.suggestion else (" → （删除）" if f.suggestion == "" else "")
        print(f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}{arrow}")
    errors = sum(f.severity == "error" for f in findings)
    if findings:
        print(
            f"审核发现 {len(findings)} 处问题（错误 {errors}），请在页面中改正后再提交；"
            f"可运行 review --fix {shown} 自动修复其中可确定的部分。"
        )
    else:
        print("审核通过：未发现问题。")
    return EXIT_FINDINGS if errors else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
