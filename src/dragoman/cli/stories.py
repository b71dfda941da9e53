"""``dragoman stories [show|split|merge|recluster]``, ``dragoman timeline`` and ``dragoman
summary``: thin shells over the story reads (``store.reads``) and ``api`` (docs/stories.md)."""
from __future__ import annotations

import sys
import textwrap

import click

from dragoman import api, exports
from dragoman.cli.options import TEXT_FORMATS, Group, db_option, list_options, open_record
from dragoman.cli.render import show
from dragoman.store import reads

TEXT_OR_JSONL = click.Choice(TEXT_FORMATS)


@click.group("stories", cls=Group, invoke_without_command=True)
@click.option("--merges", is_flag=True, help="List the recorded story merges instead.")
@click.option("--splits", is_flag=True, help="List the recorded story splits instead.")
@list_options
@click.pass_context
def stories_command(ctx, merges, splits, limit, offset, fmt, db) -> None:
    """Stories: articles about one unfolding story, biggest first.

    Each new article joins the most similar recent story (words of its title and lead, the
    actors it names, time) or starts one; `dragoman timeline STORY` and `dragoman summary
    STORY` tell a story with citations. STORY is a story_id, an article_id or title words.
    `dragoman stories show|split|merge|recluster` look at and change stories.
    """
    if ctx.invoked_subcommand is not None:
        return
    with open_record(db) as store:
        if merges:
            rows = reads.story_merges(store, limit=limit)
            show(rows, [("merged_at", "when", 19), ("absorbed", "story", 20),
                         ("into_story", "merged into", 20), ("score", "score", 6),
                         ("reason", "why", 30)], fmt, "story merges")
            return
        if splits:
            rows = reads.story_splits(store, limit=limit)
            for row in rows:
                row["moved"] = len(row["article_ids"] or [])
            show(rows, [("split_at", "when", 19), ("story", "story", 20),
                         ("new_story", "new story", 20), ("moved", "articles", 8),
                         ("score", "score", 6), ("reason", "why", 30)], fmt, "story splits")
            return
        rows = reads.stories(store, "biggest", limit, offset)
    for row in rows:
        row["articles"] = len(row["article_ids"])
    show(rows, [("story_id", "story", 20), ("start_date", "from", 10), ("end_date", "to", 10),
                 ("articles", "articles", 8), ("title", "title", 60)], fmt, "stories")


@stories_command.command("show")
@click.argument("story")
@db_option
def show_command(story, db) -> None:
    """One story: its articles (oldest first) and the merges and splits that shaped it."""
    with open_record(db) as store:
        row = reads.story(store, story)
    click.echo(f"{row['story_id']}  {row['title'] or ''}")
    click.echo(f"{row['start_date'] or '?'} … {row['end_date'] or '?'}, "
               f"{len(row['articles'])} article(s)")
    for article in row["articles"]:
        copy = f" (copy of {article['duplicate_of']})" if article["duplicate_of"] else ""
        click.echo(f"  {str(article['published'] or 'undated'):<10}  {article['article_id']}  "
                   f"{(article['title'] or '')[:70]}{copy}")
    for merge in row["merges"]:
        click.echo(f"merged    {merge['absorbed']} into it ({merge['reason']}, score {merge['score']})")
    for split in row["splits"]:
        click.echo(f"split     {len(split['article_ids'] or [])} article(s) from {split['story']} "
                   f"to {split['new_story']} ({split['reason']}, score {split['score']})")


@stories_command.command("split")
@click.argument("story")
@click.argument("articles", nargs=-1, required=True)
@db_option
def split_command(story, articles, db) -> None:
    """Move ARTICLES (ids or file names) out of STORY into a new story.

    The split is recorded (reason `user`; `dragoman stories --splits`), the two stories are
    never merged back automatically, and both get a new title, summary and timeline.
    """
    split = api.split_story(story, list(articles), db)
    click.echo(f"Split {len(split['article_ids'])} article(s) from {split['story']} into "
               f"{split['new_story']} (their centroids' similarity {split['score']}).")


@stories_command.command("merge")
@click.argument("story")
@click.argument("other")
@db_option
def merge_command(story, other, db) -> None:
    """Merge STORY and OTHER (ids, article ids or title words); the older keeps its id.

    The merge is recorded (reason `user`; `dragoman stories --merges`) and the story retold.
    """
    merge = api.merge_stories(story, other, db)
    click.echo(f"Merged {merge['absorbed']} into {merge['into_story']} "
               f"(their centroids' similarity {merge['score']}).")


@stories_command.command("recluster")
@click.option("--yes", is_flag=True, help="Do not ask before replacing the stories.")
@db_option
def recluster_command(yes, db) -> None:
    """Cluster every stored article into stories again (in order of publication), with the
    current settings; recorded merges and splits, the user's included, are replaced."""
    if not yes:
        click.confirm("Replace every story (and the recorded merges and splits)?", abort=True)
    result = api.recluster(db, on_batch=lambda done, total: click.echo(
        f"  {done}/{total} articles", err=True))
    click.echo(f"{result['articles']} articles in {result['stories']} stories.")


@click.command("timeline")
@click.argument("story", required=False)
@click.option("--actor", help="Timeline of an actor (name, alias or id) instead of a story.")
@click.option("--query", "query", metavar="WORDS", help="Timeline of the articles with these words.")
@click.option("--dates", type=click.IntRange(min=1), default=10, show_default=True,
              help="At most this many dates.")
@click.option("--per-date", type=click.IntRange(1, 5), default=2, show_default=True,
              help="Sentences per date.")
@click.option("--format", "fmt", type=TEXT_OR_JSONL, default="text", show_default=True,
              help="text for reading; jsonl (one date a line) for other programs")
@db_option
def timeline_command(story, actor, query, dates, per_date, fmt, db) -> None:
    """A dated timeline of STORY, or of an actor (--actor) or a query (--query).

    Dates are those the sources support most (articles naming the day, events dated to it,
    articles published then); each comes with the sentences that tell what happened, each
    citing the articles it occurs in.
    """
    if sum(x is not None for x in (story, actor, query)) != 1:
        raise click.UsageError("give exactly one of STORY, --actor NAME or --query WORDS")
    with open_record(db) as store:
        result = api.story_timeline(store, story_id=story, actor=actor, query=query,
                                    dates=dates, per_date=per_date)
    if fmt == "jsonl":
        exports.write_jsonl(result["dates"], sys.stdout)
        return
    click.echo(f"Timeline of {result['subject']} ({result['articles']} articles)")
    if not result["dates"]:
        click.echo("No dated sentences found.")
    for entry in result["dates"]:
        click.echo(f"\n{entry['date']}  (support {entry['support']:g}, "
                   f"{entry['articles']} article(s))")
        for sentence in entry["sentences"]:
            _echo_cited(sentence)


@click.command("summary")
@click.argument("story")
@click.option("--sentences", type=click.IntRange(1, 20), default=5, show_default=True,
              help="At most this many sentences.")
@click.option("--format", "fmt", type=TEXT_OR_JSONL, default="text", show_default=True,
              help="text for reading; jsonl (one sentence a line) for other programs")
@db_option
def summary_command(story, sentences, fmt, db) -> None:
    """A short extractive summary of STORY: central, non-redundant sentences in date order,
    each citing the articles it occurs in."""
    with open_record(db) as store:
        result = api.story_summary(store, story, sentences=sentences)
    if fmt == "jsonl":
        exports.write_jsonl(result["sentences"], sys.stdout)
        return
    click.echo(f"{result['title'] or result['story_id']}")
    click.echo(f"story {result['story_id']}, {result['articles']} article(s)\n")
    for sentence in result["sentences"]:
        _echo_cited(sentence, dated=True)


def _echo_cited(sentence: dict, dated: bool = False) -> None:
    cites = ", ".join(sentence["citations"])
    prefix = f"{sentence['date'] or 'undated'}  " if dated else "  "
    body = f"{sentence['text']} [{cites}]"
    click.echo(textwrap.fill(body, width=100, initial_indent=prefix,
                             subsequent_indent=" " * len(prefix)))


COMMANDS = (stories_command, timeline_command, summary_command)
