"""What every public page must satisfy in the browser, as reusable checks that explain failures."""

from functools import cache

__all__ = [
    "AXE_TAGS",
    "AxeReport",
    "assert_axe_clean",
    "assert_heading_outline",
    "assert_landmarks",
    "assert_no_sideways_scroll",
    "assert_form_controls_labelled",
    "check_page",
    "heading_outline",
]

# WCAG 2.0, 2.1 and 2.2, levels A and AA: what UK public sector sites must meet.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# axe's best-practice rules for page structure, which WCAG's tags leave out.
AXE_STRUCTURE_RULES = [
    "landmark-one-main",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-unique",
    "page-has-heading-one",
    "heading-order",
    "region",
    "skip-link",
]


class AxeReport:
    """How many axe rules ran on each page, for the summary at the end of the run."""

    rows: dict = {}

    @classmethod
    def record(cls, name, url, rules_run, rules_applied):
        cls.rows[name] = {"url": url, "rules_run": rules_run, "rules_applied": rules_applied}


@cache
def _axe_source():
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


_RUN_AXE_SCRIPT = """async ([tags, structureRules]) => {
  const resultTypes = ['violations'];
  const wcag = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes});
  const structure = await axe.run(document, {runOnly: {type: 'rule', values: structureRules}, resultTypes});
  const ids = (results, kinds) => kinds.flatMap(kind => results[kind].map(rule => rule.id));
  const kinds = ['passes', 'violations', 'incomplete'];
  return {
    violations: [...wcag.violations, ...structure.violations],
    run: [...new Set([...ids(wcag, [...kinds, 'inapplicable']), ...ids(structure, [...kinds, 'inapplicable'])])].length,
    applied: [...new Set([...ids(wcag, kinds), ...ids(structure, kinds)])].length,
    version: axe.version,
  };
}"""


def run_axe(page):
    """Run axe-core on the page as it is now; return (violations, rules run, rules that applied)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    result = page.evaluate(_RUN_AXE_SCRIPT, [AXE_TAGS, AXE_STRUCTURE_RULES])
    return result["violations"], result["run"], result["applied"]


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


def assert_axe_clean(page, name=None):
    """Zero axe violations; records how many rules ran under `name` for the run's summary."""
    violations, rules_run, rules_applied = run_axe(page)
    assert not violations, f"axe found problems on {page.url}:\n{describe_violations(violations)}"
    if name:
        AxeReport.record(name, page.url, rules_run, rules_applied)
    return rules_run


_OUTLINE_SCRIPT = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.getClientRects().length > 0 || h.closest('.visually-hidden'))
  .filter(h => !h.closest('[aria-hidden="true"], [hidden]'))
  .map(h => [Number(h.tagName[1]), h.textContent.trim().replace(/\\s+/g, ' '), !!h.closest('.error-summary')])"""


def heading_outline(page):
    """[(level, text), ...] for the headings a screen reader user would hear, in order.

    An error summary's heading is left out: GOV.UK's pattern puts it above the h1, on purpose.
    """
    return [(level, text) for level, text, in_error_summary in page.evaluate(_OUTLINE_SCRIPT) if not in_error_summary]


def assert_heading_outline(page):
    """One h1, first; no heading skips a level on the way down; none is empty."""
    outline = heading_outline(page)
    assert outline, f"{page.url} has no headings"
    levels = [level for level, _ in outline]
    assert levels.count(1) == 1, f"{page.url} has {levels.count(1)} h1 elements: {outline}"
    assert levels[0] == 1, f"{page.url}: the first heading is not the h1: {outline}"
    for (previous, _), (level, text) in zip(outline, outline[1:], strict=False):
        assert level <= previous + 1, f"{page.url}: h{level} '{text}' follows an h{previous}: {outline}"
    assert all(text for _, text in outline), f"{page.url} has an empty heading: {outline}"
    return outline


_LANDMARKS_SCRIPT = """() => ({
  banner: document.querySelectorAll('body > header, [role=banner]').length,
  main: document.querySelectorAll('main, [role=main]').length,
  contentinfo: document.querySelectorAll('body > footer, [role=contentinfo]').length,
  navigation: [...document.querySelectorAll('nav, [role=navigation]')].map(nav =>
    nav.getAttribute('aria-label')
    || (nav.getAttribute('aria-labelledby') || '').split(' ')
      .map(id => document.getElementById(id)?.textContent.trim() || '').join(' ').trim()),
  outside: [...document.body.children].filter(el =>
    !el.matches('header, main, footer, nav, aside, script, template, [hidden], .skip-link, '
      + '[role=banner], [role=main], [role=contentinfo]')
    && el.getClientRects().length > 0 && el.textContent.trim() !== ''
  ).map(el => el.outerHTML.slice(0, 80)),
})"""


def assert_landmarks(page):
    """One banner, one main, one contentinfo; every navigation labelled; no content outside them."""
    landmarks = page.evaluate(_LANDMARKS_SCRIPT)
    assert landmarks["banner"] == 1, landmarks
    assert landmarks["main"] == 1, landmarks
    assert landmarks["contentinfo"] == 1, landmarks
    assert all(landmarks["navigation"]), f"a <nav> without aria-label on {page.url}: {landmarks}"
    assert len(set(landmarks["navigation"])) == len(landmarks["navigation"]), f"two navs share a label: {landmarks}"
    assert landmarks["outside"] == [], f"content outside the landmarks on {page.url}: {landmarks['outside']}"


_WIDEST_SCRIPT = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .filter(el => !el.closest('.visually-hidden, .skip-link, .table-wrapper > *'))
    .slice(0, 5)
    .map(el => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(el.getBoundingClientRect().right)}`);
}"""


def assert_no_sideways_scroll(page, width=320):
    """At this viewport width the document is no wider than the screen (WCAG 1.4.10 reflow)."""
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    if scroll_width > width:
        culprits = page.evaluate(_WIDEST_SCRIPT)
        raise AssertionError(f"{page.url} scrolls sideways at {width}px: scrollWidth {scroll_width}; {culprits}")


_FORM_SCRIPT = """() => {
  const problems = [];
  document.querySelectorAll('label[for=""]')
    .forEach(label => problems.push(`label with an empty for: ${label.textContent.trim()}`));
  const groups = {};
  document.querySelectorAll('main input[type=checkbox][name], main input[type=radio][name]').forEach(input => {
    (groups[input.form ? input.form.id + '/' + input.name : input.name] ||= []).push(input);
  });
  for (const [name, inputs] of Object.entries(groups)) {
    if (inputs.length < 2) continue;
    // The group's fieldset is the nearest one around all its choices: a facet may split its
    // choices into sections, each a fieldset of its own, inside the facet's fieldset.
    let fieldset = inputs[0].closest('fieldset');
    while (fieldset && inputs.some(input => !fieldset.contains(input))) {
      fieldset = fieldset.parentElement.closest('fieldset');
    }
    const legend = fieldset && fieldset.querySelector(':scope > legend');
    if (!legend || !legend.textContent.trim()) {
      problems.push(`the ${inputs.length} choices of ${name} are not grouped in a fieldset with a legend`);
    }
  }
  return problems;
}"""


def assert_form_controls_labelled(page):
    """Groups of checkboxes or radios sit in a fieldset with a legend; no label points nowhere."""
    problems = page.evaluate(_FORM_SCRIPT)
    assert not problems, f"{page.url}: {problems}"


def check_page(page, name):
    """Everything every public page must pass, at desktop width and again at 320 px."""
    assert_heading_outline(page)
    assert_landmarks(page)
    assert_form_controls_labelled(page)
    assert_axe_clean(page, name)
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_sideways_scroll(page, 320)
    assert_axe_clean(page, f"{name} @320px")
    page.set_viewport_size(size)
