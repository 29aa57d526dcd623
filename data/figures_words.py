"""The figures in words: the sentences Insights says beside each figure, and the pieces `selftrust stats` shares.

Pure wording over `data.stats`' figures (never Textual or Rich): where the screen and the
command line say the same thing, they say it with one function here.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from data.daytime import day_heading
from data.periods import PERIODS
from data.text import shown_line
from data.vocabulary import pull_words

if TYPE_CHECKING:
    from data.stats import Counts, Figures, Outcomes, Sign, Trend


EMPTY_JOURNAL = "Nothing here yet. Your first decision starts the record."
NONE_RESOLVED = "none kept, returned or abandoned yet"
WELCOME_BACK = "Welcome back — today counts."
FIRST_RETURN = "the first time you come back, it counts here."


def plural(number: int, one: str, many: str | None = None) -> str:
    """ "1 time", "3 times"."""
    return f"{number:,} {one if number == 1 else (many or one + 's')}"


def tied(names: Sequence[str]) -> str:
    """Names said together: "fear", "fear and guilt", "fear, guilt and shame"."""
    shown = [shown_line(name) for name in names]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def percent(value: float | None) -> str:
    """A rate as a whole percentage; a dash when there is nothing to count."""
    return "—" if value is None else f"{round(value * 100)}%"


def number(value: float) -> str:
    """A count as a person reads it: 3, 2.5, 1,204."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def times(count: int) -> str:
    """ "once", "twice", "3 times"."""
    return {1: "once", 2: "twice"}.get(count, f"{count:,} times")


def held_of(outcomes: Outcomes) -> str:
    """ "7 of 10": the decisions kept or come back to, of those the keep rate counts."""
    return f"{outcomes.held:,} of {outcomes.resolved:,}"


def kept_or_came_back(outcomes: Outcomes) -> str:
    """ "kept or came back to 7 of 10 (70%)"."""
    return f"kept or came back to {held_of(outcomes)} ({percent(outcomes.keep_rate)})"


def nothing_recorded(these: str) -> str:
    """A period without practice: "Nothing recorded in THESE.", and that coming back is always open."""
    return f"Nothing recorded in {these}. Any day is a good day to come back."


def last_practice_on(day: dt.date) -> str:
    """ "Your last practice was Friday 27 November 2026."."""
    return f"Your last practice was {day_heading(day)}."


def came_back_after(days: int) -> str:
    """A pause said as coming back: "12 days, and you came back after it."."""
    return f"{plural(days, 'day')}, and you came back after it."


def peak_hour(hours: Sequence[int]) -> int:
    """The hour (0-23) with the most checks that met a pull; the earliest of a tie."""
    return max(range(24), key=lambda hour: (hours[hour], -hour))


def most_often(hour: int) -> str:
    """ "most often between 14:00 and 15:00"."""
    return f"most often between {hour:02d}:00 and {(hour + 1) % 24:02d}:00"


def contact_mean(contact: float) -> str:
    """ "3.2 of 5 on average"."""
    return f"{contact:.1f} of 5 on average"


def leads_to(pull: str, pattern: str) -> str:
    """A pull and the old pattern it led to: "guilt → said yes"."""
    return f"{pull} → {pattern}"


# -- beside Insights' sections ---------------------------------------------------------


def span_words(counts: Counts) -> str:
    """Which days the figures cover, in words."""
    found = counts.figures
    if counts.empty_journal or found.first is None or found.last is None:
        return ""
    period = PERIODS[counts.period]
    if counts.began is not None and found.first == counts.began:
        since = f"since your first day, {day_heading(found.first)}"
        return f"{period.name.capitalize()}: {since}" if counts.period != "all" else f"All of it: {since}"
    return f"{period.name.capitalize()}: {day_heading(found.first)} to {day_heading(found.last)}"


def summary_words(counts: Counts) -> list[str]:
    """The headline: what these days hold, and a kind word about it."""
    found = counts.figures
    period = PERIODS[counts.period]
    welcome = found.days_since_last is not None and found.days_since_last >= 2
    if found.empty:
        lines = [nothing_recorded(period.these)]
        if found.last_practiced is not None:
            lines.append(f"{last_practice_on(found.last_practiced)} {WELCOME_BACK}")
            lines.append("Press 4 to see all of it.")
        return lines
    keep = "keep rate not yet" if found.keep_rate is None else f"keep rate {percent(found.keep_rate)}"
    lines = [
        (
            f"{plural(found.days_practiced, 'day')} practised · {plural(found.decisions, 'decision')} · "
            f"{plural(found.returns, 'return')} · {plural(found.reps, 'rep')} · {keep}"
        )
    ]
    whole_journal = counts.began is not None and found.first == counts.began
    if whole_journal and found.days_practiced == 1:
        lines.append("One day in. The record has begun.")
    elif whole_journal and found.days_practiced < 7:
        lines.append(f"{found.days_practiced} days in. The record is growing; the trends fill in over the weeks.")
    elif found.returns == 1:
        lines.append("One return: once you left and came back. That's the training.")
    elif found.returns:
        lines.append(f"{found.returns:,} returns: {found.returns:,} times you left and came back. That's the training.")
    else:
        lines.append(f"No returns in these days yet. {FIRST_RETURN.capitalize()}")
    if welcome:
        lines.append(
            f"Your last practice was {plural(found.days_since_last or 0, 'day')} ago. Welcome back. Today counts."
        )
    return lines


def compare_words(
    noun: str, found: Trend, weeks: int, unit: str = "a week", fewer: str = " A quieter stretch, not a verdict."
) -> str:
    """The last 4 weeks against the 4 before, or what there is so far; FEWER follows a dip."""
    recent, before = found.recent, found.before
    if recent is None:
        return ""
    if before is None:
        if weeks <= 1:
            so_far = number(round(recent, 1))
            return f"One week so far: {so_far} {noun.removesuffix('s') if so_far == '1' else noun}. The trend shows after a few weeks."
        return f"So far: {recent:.1f} {noun} {unit}, over {weeks} weeks."
    last = min(weeks, 4)
    earlier = min(max(weeks - 4, 0), 4)
    the_before = "the 4 before" if earlier == 4 else f"the {earlier} before" if earlier > 1 else "the week before"
    if round(recent, 1) > round(before, 1):
        return f"More {noun} in the last {last} weeks than {the_before}: {recent:.1f} {unit}, up from {before:.1f}."
    if round(recent, 1) < round(before, 1):
        return f"Fewer {noun} in the last {last} weeks than {the_before}: {recent:.1f} {unit}, down from {before:.1f}.{fewer}"
    return f"As many {noun} in the last {last} weeks as {the_before}: {recent:.1f} {unit}."


def direction_words(found: Trend, values: Sequence[float], noun: str) -> str:
    """Where the fitted line heads over the whole period, in a word and an arrow."""
    weeks = len(values)
    if found.slope is None or weeks < 6:
        return ""
    mean = sum(values) / weeks
    change = found.slope * (weeks - 1) / max(mean, 0.25)
    if change > 0.2:
        word = "rising ↗"
    elif change < -0.2:
        word = "easing ↘ (weeks vary; every rep still counts)"
    else:
        word = "steady →"
    return f"Across all {weeks} weeks, {noun} are {word}."


def reps_words(counts: Counts) -> list[str]:
    """Beside the reps chart: where reps and returns are heading."""
    found = counts.figures
    weeks = len(found.weeks)
    lines = []
    if not found.reps:
        lines.append("No reps in these days yet. A rep is a return, or a decision kept although something pulled.")
    else:
        lines.append(compare_words("reps", found.reps_trend, weeks))
        lines.append(direction_words(found.reps_trend, [w.reps for w in found.weeks], "reps"))
    if found.returns:
        lines.append(compare_words("returns", found.returns_trend, weeks, fewer=""))
    return [line for line in lines if line]


def keep_words(counts: Counts) -> list[str]:
    """Beside the keep rate: what it counts, and what it leaves out."""
    found = counts.figures
    if found.keep_rate is None:
        return [
            "Nothing kept, returned or abandoned yet in these days. The keep rate starts with your first evening review."
        ]
    left_out = "An honest change of mind is left out" + (
        ", and so is a decision carried forward," if found.outcomes.carried else ""
    )
    lines = [f"You {kept_or_came_back(found.outcomes)}. {left_out}: it isn't a failure."]
    if any(week.keep_rate is None for week in found.weeks) and len(found.weeks) > 1:
        lines.append("A blank week had nothing to count; a sliver is a week that counted and kept none.")
    return lines


def pulls_words(counts: Counts) -> list[str]:
    """Beside the pulls: the one that came most, and the one that most often won."""
    details = counts.figures.pull_details
    if not details:
        return ["No pulls named in these days. When one comes at midday, name it: it shows here."]
    top = details[0]
    lines = ["Times named at midday, then how those decisions ended."]
    level = [item.name for item in details if item.count == top.count]
    if len(details) == 1:
        first = f"{shown_line(pull_words(top.name))} came {times(top.count)}."
    elif len(level) > 1:  # a tie: none of them came most
        first = f"{tied([pull_words(name) for name in level])} came as often as each other: {times(top.count)} each."
    else:
        first = f"{shown_line(pull_words(top.name))} came most: {plural(top.count, 'time')}."
    if top.outcomes.returned and len(level) == 1:
        first += f" You came back {plural(top.outcomes.returned, 'time')} after it."
    lines.append(first)
    abandoning = [item for item in details if item.outcomes.abandoned]
    if abandoning:
        worst = max(abandoning, key=lambda item: (item.outcomes.abandoned / item.decisions, item.count))
        lines.append(
            f"{shown_line(pull_words(worst.name))} ended in abandonment most often ({worst.outcomes.abandoned:,} of {plural(worst.decisions, 'decision')}). "
            "Information, not a verdict: next time it comes, you'll know it."
        )
    return lines


def patterns_words(counts: Counts) -> list[str]:
    """Beside the old patterns: the one that showed most, and the pull that led there."""
    found = counts.figures
    if not found.pattern_details:
        return ["No old patterns named yet. When one shows at midday, name it: seeing it is the start of the return."]
    top = found.pattern_details[0]
    level = [item.name for item in found.pattern_details if item.count == top.count]
    if len(found.pattern_details) == 1:
        most = f"{shown_line(top.name)} showed {times(top.count)}"
    elif len(level) > 1:  # a tie: none of them showed most
        most = f"{tied(level)} showed as often as each other ({times(top.count)} each)"
    else:
        most = f"{shown_line(top.name)} showed most ({plural(top.count, 'time')})"
    lines = [f"{most}. Naming the pattern is how you catch it sooner."]
    if found.pull_patterns:
        pair = found.pull_patterns[0]
        lines.append(f"When {shown_line(pull_words(pair.pull))} came, {shown_line(pair.pattern)} followed most often.")
    return lines


def certainty_words(counts: Counts) -> list[str]:
    """Beside certainty: what happened to the decisions made unsure."""
    groups = {group.label: group for group in counts.figures.certainty_groups}
    unsure = groups.get("1-2")
    if unsure is not None and unsure.outcomes.resolved:
        o = unsure.outcomes
        return [
            f"You kept {o.held:,} of {plural(o.resolved, 'decision')} you made at certainty 1-2. You don't need to be sure."
        ]
    return ["You don't need to be sure to decide. What happens to the decisions you make unsure will show here."]


def hours_words(counts: Counts) -> list[str]:
    """Beside the hours: when the pulls come most."""
    hours = counts.figures.pull_hours
    total = sum(hours)
    if not total:
        return ["No pulls yet in these days. A midday check that meets one marks its hour here."]
    peak = peak_hour(hours)
    return [
        (
            f"Pulls came {most_often(peak)} "
            f"({hours[peak]:,} of {plural(total, 'check')} that met one). Knowing the hour, you can meet it."
        )
    ]


def contact_words(counts: Counts) -> list[str]:
    """Beside contact: its mean, and how recent weeks compare."""
    found = counts.figures
    if found.contact is None:
        return ["How connected did you stay? The evening review asks, 1 to 5; your answers show here."]
    lines = [f"{contact_mean(found.contact)}, from {plural(found.contact_reviews, 'evening review')}."]
    recent, before = found.contact_trend.recent, found.contact_trend.before
    if recent is not None and before is not None:
        if round(recent, 1) > round(before, 1):
            lines.append(f"A little more connected lately: {recent:.1f}, up from {before:.1f}.")
        elif round(recent, 1) < round(before, 1):
            lines.append(
                f"A little less connected lately: {recent:.1f}, down from {before:.1f}. Noticing it is part of the practice."
            )
        else:
            lines.append(f"Steady lately: {recent:.1f}.")
    return lines


def areas_words(counts: Counts, wanted: Sequence[str]) -> list[str]:
    """Beside the areas: where the reps came, and an area of the settings left quiet."""
    areas = counts.figures.areas
    active = [area for area in areas if area.decisions]
    lines = []
    reps = sum(area.reps for area in areas)
    if len(active) >= 2 and reps:
        most = max(active, key=lambda area: area.reps)
        if sum(1 for area in active if area.reps == most.reps) > 1:
            lines.append(f"Reps came evenly: {most.reps:,} in each. The same return trains every area.")
        else:
            lines.append(
                f"Most reps came in {shown_line(most.area)} ({most.reps:,} of {reps:,}). The same return trains every area."
            )
    quiet = [area.area for area in areas if not area.decisions and area.area in wanted]
    lines.extend(f"No decisions in {name} in these days; it's there when you need it." for name in quiet)
    return lines


def year_words(counts: Counts) -> list[str]:
    """Beside the year grid: its practice days, and the longest pause it came back from."""
    days = sorted(counts.year_days)
    if not days:
        return ["No practice days in the last year yet. The first one starts the grid."]
    if len(days) == 1:
        lines = ["One practice day in the last year: the first mark on the grid."]
    else:
        lines = [f"{len(days):,} practice days in the last year."]
    longest = max(((after - before).days - 1 for before, after in itertools.pairwise(days)), default=0)
    if longest > 0:
        lines.append(f"Your longest pause was {came_back_after(longest)}")
    return lines


EMPTY_PROMISE = """\
As you practise, this page fills in:
  · reps and returns, week by week, and where they are heading
  · your keep rate: the decisions you kept or came back to
  · the pulls that come most, and how those decisions ended
  · the old patterns, and which pull leads to which
  · what happens to the decisions you make without being sure
  · the hours of the day the pulls come
  · your contact with yourself, and your areas side by side
  · your if-then plans, the pulls you expected, and how soon you come back
  · what a pause does to a pull, and the early signs, in your own words
  · a year of practice days

Press escape, then m on Today, to set your first decision."""


# -- the pull as it happens: plans, forecast, noticing sooner, the pause, early signs, revisions ----


def minutes_words(minutes: float) -> str:
    """A span as a person says it: "under a minute", "1 minute", "12 minutes", "2.5 hours"."""
    if minutes < 1:
        return "under a minute"
    if minutes < 120:
        return plural(round(minutes), "minute")
    return f"{number(round(minutes / 60, 1))} hours"


def _quoted(word: str) -> str:
    return f"'{shown_line(word)}'"


def plans_words(found: Figures) -> list[str]:
    """Beside the plans: made and met, whether they helped, and how decisions went with and without one."""
    plans = found.plans
    if not plans.made:
        return [
            "No if-then plans in these days yet. “If fear comes, I will …”, made in the morning, shows here when its pull comes."
        ]
    lines = [
        f"{plural(plans.made, 'plan')} made; "
        + (
            f"{plans.met:,} met the pull {'it was' if plans.met == 1 else 'they were'} made for."
            if plans.met
            else "their pulls haven't come yet."
        )
    ]
    if plans.with_plan.resolved:
        lines.append(f"When a plan met its pull, you kept or came back to {held_of(plans.with_plan)}.")
    if plans.without_plan.resolved:
        lines.append(f"When a pull came with no plan for it, you kept or came back to {held_of(plans.without_plan)}.")
    said = plans.helped + plans.not_helped
    if said:
        lines.append(f"You said the plan helped at {plans.helped:,} of {plural(said, 'check')}.")
    return lines


def forecast_words(found: Figures) -> list[str]:
    """Beside the forecast: how often the expected pulls came, and the ones that came unexpected."""
    forecast = found.forecast
    lines = []
    if forecast.expected:
        lines.append(
            f"Of the {plural(forecast.expected, 'pull')} you expected, {forecast.came:,} came ({percent(forecast.rate)})."
        )
    else:
        lines.append("No pulls expected in the mornings yet. Naming what might pull you helps you see it coming.")
    if forecast.unexpected:
        shown = ", ".join(f"{shown_line(pull_words(name))} ({count:,})" for name, count in forecast.unexpected[:3])
        lines.append(f"Came without being expected: {shown}. Worth expecting next time.")
    return lines


def latency_words(found: Figures) -> list[str]:
    """Beside noticing sooner: the minutes from a pull to the return, and how recent weeks compare."""
    latency = found.return_latency
    if latency.median_minutes is None:
        return ["When a check says when the pull came, the minutes until you came back show here, week by week."]
    lines = [
        f"Usually about {minutes_words(latency.median_minutes)} from the pull to the check that came back "
        f"(over {plural(latency.checks, 'check')})."
    ]
    recent, before = latency.trend.recent, latency.trend.before
    if recent is not None and before is not None:
        if round(recent) < round(before):
            lines.append(
                f"You came back sooner these last 4 weeks than the 4 before: "
                f"{minutes_words(recent)}, down from {minutes_words(before)}."
            )
        elif round(recent) > round(before):
            lines.append(
                f"These last 4 weeks took a little longer: {minutes_words(recent)}, up from {minutes_words(before)}. "
                "Every return still counts."
            )
        else:
            lines.append(f"As soon as the 4 weeks before: {minutes_words(recent)}.")
    return lines


def pause_words(found: Figures) -> list[str]:
    """Beside the pause: strength before and after, and how soon a pull eases."""
    pause = found.pause
    lines = []
    if pause.before is not None and pause.after is not None:
        lines.append(
            f"Before a pause, a pull was {pause.before:.1f} of 10 on average; after it, {pause.after:.1f} "
            f"({plural(pause.paused, 'pause')})."
        )
    if pause.eases_in_minutes is not None:
        lines.append(f"Your pulls ease in about {minutes_words(pause.eases_in_minutes)}. The feeling passes; you stay.")
    elif not lines:
        lines.append("When you pause at a check, the pull's strength before and after shows here.")
    else:
        lines.append("How soon a pull eases shows once a later check has found it at half its strength three times.")
    return lines


def _beside_returns(sign: Sign) -> str:
    """ "(before returns, 1 of 30)": the same word's count on the other side, for a fair look."""
    return f"(before returns, {sign.before_returned} of {sign.checks_before_returned})"


def early_signs_words(found: Figures) -> list[str]:
    """Beside the early signs: the person's own words that came before the hard days."""
    signs = found.early_signs
    lines = []
    if signs.feelings:
        top = signs.feelings[0]
        lines.append(
            f"Before the hard days, {_quoted(str(top.name))} came up at {top.before_abandoned} of "
            f"{top.checks_before_abandoned} checks with a feeling {_beside_returns(top)}."
        )
    if signs.body:
        top = signs.body[0]
        lines.append(
            f"Before the hard days, your body said {_quoted(str(top.name))} at {top.before_abandoned} of "
            f"{top.checks_before_abandoned} checks with a body note {_beside_returns(top)}."
        )
    if signs.hours:
        top = signs.hours[0]
        lines.append(
            f"Pulls around {int(top.name):02d}:00 came at {top.before_abandoned} of {top.checks_before_abandoned} "
            f"checks before the hard days {_beside_returns(top)}."
        )
    if not lines:
        return [
            "No early signs stand out yet. Feelings, body notes and hours that come before the hard days "
            "more than before returns show here, in your own words."
        ]
    lines.append("A sign, not a verdict: when it comes, you can notice sooner.")
    return lines


def revisions_words(found: Figures) -> list[str]:
    """Beside revisions: where the changes of mind came from, and the abandonments beside them."""
    r = found.revisions
    if not r.revised:
        return ["No revisions in these days. Changing your mind honestly is not abandoning yourself."]
    parts = [f"{r.from_knowing:,} from what you know", f"{r.from_pull:,} from a pull"]
    if r.unsaid:
        parts.append(f"{r.unsaid:,} not said")
    beside = f"; beside them, {plural(r.abandoned, 'abandoned decision')}" if r.abandoned else ""
    lines = [f"{plural(r.revised, 'revision')}: {', '.join(parts)}{beside}."]
    if r.from_pull:
        lines.append("A change that came from a pull is worth a second look, kindly.")
    return lines
