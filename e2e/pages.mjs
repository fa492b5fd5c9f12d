// The page types the browser suite checks, in one place.
//
// Every entry is visited by tests/axe.test.mjs (axe-core, WCAG 2.0/2.1/2.2
// A + AA, both languages, light/dark/high contrast, 1280 px and 320 px) and by
// tests/structure.test.mjs (one h1, <html lang>, skip link, landmarks, title)
// and tests/no-js.test.mjs (renders with JavaScript off).
// A later issue that adds a page adds ONE entry here; see docs/frontend.md.
//
// Fields:
//   name    unique, used in test names
//   path    a path ('/demo/'), or an async function ({ fetchHtml }) => path
//           for pages whose id is only known at run time (seeded data)
//   status  the HTTP status the page answers with (200, 404, ...)
//   tenant  the tenant slug when the page belongs to a municipality (its name
//           then appears in the title and the header), null on platform pages
//   titlePage  what stands before the municipality in the title: 'h1' (the
//           default: the page's h1 text) or 'any' (non-empty text, e.g. the
//           tenant home, whose h1 is the municipality's name and whose title
//           is "Home — Municipality — Civic Space")
//   signIn  true for pages behind sign-in (they answer 401 to visitors): the
//           tests visit them as the e2e administrator, signed in within the
//           browser context before the visit (harness.mjs newContext
//           { signIn: true }, a form POST through the context's request API,
//           so it works with JavaScript off). e2e/run creates that account
//           (CIVIC_E2E_ADMIN_EMAIL / CIVIC_E2E_ADMIN_PASSWORD). Default false.

export const DEMO = 'demo';

/** Tenant created by e2e/run so that the platform landing lists (rather than redirects). */
export const SECOND_TENANT = { slug: 'e2e-town', name: 'E2E Town', locale: 'en' };

export const LANGUAGES = ['uk', 'en'];

export const PAGE_TYPES = [
  { name: 'landing', path: '/', status: 200, tenant: null },
  { name: 'tenant home', path: `/${DEMO}/`, status: 200, tenant: DEMO, titlePage: 'any' },
  { name: 'space', path: firstSpace, status: 200, tenant: DEMO },
  { name: 'idea', path: ideaWithAnswersAndComments, status: 200, tenant: DEMO },
  { name: 'sign in', path: `/${DEMO}/login`, status: 200, tenant: DEMO },
  { name: 'operator sign in', path: '/operator/sign-in', status: 200, tenant: null },
  { name: 'register', path: `/${DEMO}/register`, status: 200, tenant: DEMO },
  { name: 'password forgot', path: `/${DEMO}/password/forgot`, status: 200, tenant: DEMO },
  { name: 'password sent', path: `/${DEMO}/password/sent`, status: 200, tenant: DEMO },
  // The form renders for any well-formed token; the token is checked on submit.
  { name: 'password reset', path: `/${DEMO}/password/reset?token=${'0f'.repeat(32)}`, status: 200, tenant: DEMO },
  { name: 'account', path: `/${DEMO}/account`, status: 200, tenant: DEMO, signIn: true },
  { name: 'my activity', path: `/${DEMO}/account/activity`, status: 200, tenant: DEMO, signIn: true },
  { name: 'admin home', path: `/${DEMO}/admin`, status: 200, tenant: DEMO, signIn: true },
  { name: 'admin settings', path: `/${DEMO}/admin/settings`, status: 200, tenant: DEMO, signIn: true },
  { name: 'admin people', path: `/${DEMO}/admin/people`, status: 200, tenant: DEMO, signIn: true },
  { name: 'admin audit', path: `/${DEMO}/admin/audit`, status: 200, tenant: DEMO, signIn: true },
  { name: 'admin spaces', path: `/${DEMO}/admin/spaces`, status: 200, tenant: DEMO, signIn: true },
  { name: 'admin new space', path: `/${DEMO}/admin/spaces/new`, status: 200, tenant: DEMO, signIn: true },
  { name: 'admin space settings', path: async (ctx) => `${(await firstSpace(ctx)).replace('/spaces/', '/admin/spaces/')}/edit`, status: 200, tenant: DEMO, signIn: true },
  { name: 'search', path: `/${DEMO}/search?q=${encodeURIComponent('лавки')}`, status: 200, tenant: DEMO },
  { name: 'propose an idea', path: async (ctx) => `${await firstSpace(ctx)}/ideas/new`, status: 200, tenant: DEMO, signIn: true },
  { name: 'review queue', path: `/${DEMO}/review`, status: 200, tenant: DEMO, signIn: true },
  // The park (the space with the conversation) holds the demo's duplicate pair.
  { name: 'duplicate ideas', path: async (ctx) => `${await spaceWith(ctx, 'conversations')}/duplicates`, status: 200, tenant: DEMO, signIn: true },
  { name: 'topics of a space', path: async (ctx) => `${await spaceWith(ctx, 'conversations')}/topics`, status: 200, tenant: DEMO, signIn: true },
  { name: 'conversation', path: demoConversation, status: 200, tenant: DEMO },
  { name: 'conversation results', path: async (ctx) => `${await demoConversation(ctx)}/results`, status: 200, tenant: DEMO },
  { name: 'conversation moderation', path: async (ctx) => `${await demoConversation(ctx)}/moderate`, status: 200, tenant: DEMO, signIn: true },
  { name: 'open a conversation', path: async (ctx) => `${await firstSpace(ctx)}/conversations/new`, status: 200, tenant: DEMO, signIn: true },
  { name: 'poll', path: demoPoll, status: 200, tenant: DEMO },
  { name: 'poll results', path: async (ctx) => `${await demoPoll(ctx)}/results`, status: 200, tenant: DEMO },
  { name: 'notifications', path: `/${DEMO}/notifications`, status: 200, tenant: DEMO, signIn: true },
  { name: 'notification settings', path: `/${DEMO}/account/notifications`, status: 200, tenant: DEMO, signIn: true },
  { name: 'poll results filtered', path: async (ctx) => `${await demoPoll(ctx)}/results?answer=1-0`, status: 200, tenant: DEMO, signIn: true },
  { name: 'poll survey page 2', path: async (ctx) => `${await demoPoll(ctx)}?page=2`, status: 200, tenant: DEMO },
  { name: 'new poll', path: async (ctx) => `${await pollSpace(ctx)}/polls/new`, status: 200, tenant: DEMO, signIn: true },
  { name: 'poll builder (answered: questions locked)', path: async (ctx) => `${await demoPoll(ctx)}/edit`, status: 200, tenant: DEMO, signIn: true },
  { name: 'poll preview', path: async (ctx) => `${await demoPoll(ctx)}/preview?page=2`, status: 200, tenant: DEMO, signIn: true },
  { name: 'poll option pictures', path: async (ctx) => `${await demoPoll(ctx)}/images`, status: 200, tenant: DEMO, signIn: true },
  { name: 'participatory budget (voting)', path: votingBudget, status: 200, tenant: DEMO },
  { name: 'participatory budget (voting, staff)', path: votingBudget, status: 200, tenant: DEMO, signIn: true },
  { name: 'budget project', path: async (ctx) => firstLink(await ctx.fetchHtml(await votingBudget(ctx)), 'budget-projects'), status: 200, tenant: DEMO },
  { name: 'budget project (staff review)', path: async (ctx) => firstLink(await ctx.fetchHtml(await votingBudget(ctx)), 'budget-projects'), status: 200, tenant: DEMO, signIn: true },
  { name: 'budget results', path: async (ctx) => `${await builtBudget(ctx)}/results`, status: 200, tenant: DEMO },
  { name: 'budget being built', path: builtBudget, status: 200, tenant: DEMO },
  { name: 'budget taking projects', path: async (ctx) => budgetIn(ctx, 'status-submission'), status: 200, tenant: DEMO },
  { name: 'propose a budget project', path: async (ctx) => `${await budgetIn(ctx, 'status-submission')}/projects/new`, status: 200, tenant: DEMO, signIn: true },
  { name: 'set up a budget', path: async (ctx) => `${await budgetSpace(ctx)}/budgets/new`, status: 200, tenant: DEMO, signIn: true },
  { name: 'paper ballots', path: async (ctx) => `${await votingBudget(ctx)}/paper-ballots`, status: 200, tenant: DEMO, signIn: true },
  { name: 'consultation (comments open)', path: openConsultation, status: 200, tenant: DEMO },
  { name: 'consultation (staff)', path: openConsultation, status: 200, tenant: DEMO, signIn: true },
  { name: 'consultation section', path: sectionWithAmendments, status: 200, tenant: DEMO },
  { name: 'consultation section (staff answers)', path: sectionWithAmendments, status: 200, tenant: DEMO, signIn: true },
  { name: 'consultation closed', path: closedConsultation, status: 200, tenant: DEMO },
  { name: 'consultation report', path: async (ctx) => `${await closedConsultation(ctx)}/report`, status: 200, tenant: DEMO },
  { name: 'publish a document for consultation', path: async (ctx) => `${await spaceWith(ctx, 'consultations')}/consultations/new`, status: 200, tenant: DEMO, signIn: true },
  { name: 'debate (open)', path: (ctx) => pageIn(ctx, 'debates', 'status-open'), status: 200, tenant: DEMO },
  { name: 'debate (open, signed in)', path: (ctx) => pageIn(ctx, 'debates', 'status-open'), status: 200, tenant: DEMO, signIn: true },
  { name: 'debate (newest first)', path: async (ctx) => `${await pageIn(ctx, 'debates', 'status-open')}?sort=newest`, status: 200, tenant: DEMO },
  { name: 'debate (concluded)', path: (ctx) => pageIn(ctx, 'debates', 'status-concluded'), status: 200, tenant: DEMO },
  { name: 'start a debate', path: async (ctx) => `${await spaceWith(ctx, 'debates')}/debates/new`, status: 200, tenant: DEMO, signIn: true },
  { name: 'petitions', path: `/${DEMO}/petitions`, status: 200, tenant: DEMO },
  { name: 'petitions (answer overdue)', path: `/${DEMO}/petitions?status=overdue`, status: 200, tenant: DEMO },
  { name: 'petition (collecting)', path: (ctx) => petitionIn(ctx, 'collecting'), status: 200, tenant: DEMO },
  { name: 'petition (collecting, signed in)', path: (ctx) => petitionIn(ctx, 'collecting'), status: 200, tenant: DEMO, signIn: true },
  { name: 'petition (overdue, signed in)', path: (ctx) => petitionIn(ctx, 'overdue'), status: 200, tenant: DEMO, signIn: true },
  { name: 'petition (answered)', path: (ctx) => petitionIn(ctx, 'answered'), status: 200, tenant: DEMO },
  { name: 'start a petition', path: `/${DEMO}/petitions/new`, status: 200, tenant: DEMO, signIn: true },
  { name: 'my petitions', path: `/${DEMO}/petitions/mine`, status: 200, tenant: DEMO, signIn: true },
  { name: 'petition queue', path: `/${DEMO}/petitions/queue`, status: 200, tenant: DEMO, signIn: true },
  // Maps (issue 20): the reports page's map, the report form's location picker, the admin map view.
  { name: 'reports', path: `/${DEMO}/reports`, status: 200, tenant: DEMO },
  { name: 'report a problem', path: `/${DEMO}/reports/new`, status: 200, tenant: DEMO, signIn: true },
  { name: 'admin map', path: `/${DEMO}/admin/map`, status: 200, tenant: DEMO, signIn: true },
  { name: 'petition rules', path: `/${DEMO}/admin/petitions`, status: 200, tenant: DEMO, signIn: true },
  { name: 'report a post', path: `/${DEMO}/flags/new?item_type=idea&item_id=1&back=/${DEMO}/ideas/1`, status: 200, tenant: DEMO, signIn: true },
  { name: 'reported posts', path: `/${DEMO}/moderation/flags`, status: 200, tenant: DEMO, signIn: true },
  // Moderation (issue 21): the queue (a hidden comment with an appeal in the demo) and the threshold setting.
  { name: 'moderation queue', path: `/${DEMO}/moderation`, status: 200, tenant: DEMO, signIn: true },
  { name: 'moderation settings', path: `/${DEMO}/admin/moderation`, status: 200, tenant: DEMO, signIn: true },
  // Contests and joint projects (issue 19).
  { name: 'contest (taking submissions)', path: (ctx) => pageIn(ctx, 'contests', 'status-submissions'), status: 200, tenant: DEMO },
  { name: 'contest (taking submissions, signed in)', path: (ctx) => pageIn(ctx, 'contests', 'status-submissions'), status: 200, tenant: DEMO, signIn: true },
  { name: 'contest (announced)', path: (ctx) => pageIn(ctx, 'contests', 'status-announced'), status: 200, tenant: DEMO },
  { name: 'contest results', path: async (ctx) => `${await pageIn(ctx, 'contests', 'status-announced')}/results`, status: 200, tenant: DEMO },
  { name: 'announce a contest', path: async (ctx) => `${await spaceWith(ctx, 'contests')}/contests/new`, status: 200, tenant: DEMO, signIn: true },
  { name: 'accountability', path: `/${DEMO}/projects`, status: 200, tenant: DEMO },
  { name: 'joint project (with volunteers)', path: (ctx) => pageIn(ctx, 'projects', 'status-in_progress'), status: 200, tenant: DEMO },
  { name: 'joint project (signed in)', path: (ctx) => pageIn(ctx, 'projects', 'status-in_progress'), status: 200, tenant: DEMO, signIn: true },
  { name: 'start a joint project', path: async (ctx) => `${await spaceWith(ctx, 'projects')}/projects/new`, status: 200, tenant: DEMO, signIn: true },
  // Problem reports (issue 20).
  { name: 'problem reports', path: `/${DEMO}/reports`, status: 200, tenant: DEMO },
  { name: 'problem reports (filtered)', path: `/${DEMO}/reports?status=received`, status: 200, tenant: DEMO },
  { name: 'problem report', path: async (ctx) => firstLink(await ctx.fetchHtml(`/${DEMO}/reports?status=resolved`), 'reports'), status: 200, tenant: DEMO },
  { name: 'problem report (staff forms)', path: async (ctx) => firstLink(await ctx.fetchHtml(`/${DEMO}/reports?status=in_progress`), 'reports'), status: 200, tenant: DEMO, signIn: true },
  { name: 'report a problem', path: `/${DEMO}/reports/new`, status: 200, tenant: DEMO, signIn: true },
  { name: 'department queue', path: `/${DEMO}/reports/queue`, status: 200, tenant: DEMO, signIn: true },
  { name: 'departments and categories', path: `/${DEMO}/admin/reports`, status: 200, tenant: DEMO, signIn: true },
  // Open data (issue 24).
  { name: 'open data', path: `/${DEMO}/open-data`, status: 200, tenant: DEMO },
  { name: 'open-data licence', path: `/${DEMO}/admin/open-data`, status: 200, tenant: DEMO, signIn: true },
  { name: 'accessibility statement', path: `/${DEMO}/accessibility`, status: 200, tenant: DEMO },
  { name: 'accessibility statement (admin)', path: `/${DEMO}/admin/accessibility`, status: 200, tenant: DEMO, signIn: true },
  { name: 'terms of use', path: `/${DEMO}/terms`, status: 200, tenant: DEMO },
  { name: 'privacy notice', path: `/${DEMO}/privacy`, status: 200, tenant: DEMO },
  { name: 'terms of use (admin)', path: `/${DEMO}/admin/terms`, status: 200, tenant: DEMO, signIn: true },
  { name: 'privacy notice (admin)', path: `/${DEMO}/admin/privacy`, status: 200, tenant: DEMO, signIn: true },
  { name: 'invite to the staff', path: `/${DEMO}/admin/people/invite`, status: 200, tenant: DEMO, signIn: true },
  // Participation statistics (issue 24).
  { name: 'statistics', path: `/${DEMO}/statistics`, status: 200, tenant: DEMO },
  { name: 'participation statistics (staff)', path: `/${DEMO}/admin/statistics?preset=year`, status: 200, tenant: DEMO, signIn: true },
  { name: 'participation report', path: `/${DEMO}/admin/statistics/report?preset=year`, status: 200, tenant: DEMO, signIn: true },
  { name: 'style guide', path: `/${DEMO}/_styleguide`, status: 200, tenant: DEMO, signIn: true },
  { name: 'not found (in a tenant)', path: `/${DEMO}/ideas/999999`, status: 404, tenant: DEMO },
  { name: 'not found (platform)', path: '/nope/', status: 404, tenant: null },
  // Verified residents (issue 21).
  { name: 'verification', path: `/${DEMO}/account/verification`, status: 200, tenant: DEMO, signIn: true },
  { name: 'admin verification', path: `/${DEMO}/admin/verification`, status: 200, tenant: DEMO, signIn: true },
  { name: 'admin verification (account found)', path: `/${DEMO}/admin/verification?email=olena%40demo.example.org`, status: 200, tenant: DEMO, signIn: true },
];

// ---------------------------------------------------------------------------
// Resolvers for seeded pages. They read the served HTML, so they follow
// whatever ids the seed produced.

function links(html, pattern) {
  return [...new Set([...html.matchAll(pattern)].map((m) => m[1]))];
}

async function firstSpace({ fetchHtml }) {
  const html = await fetchHtml(`/${DEMO}/`);
  const spaces = links(html, new RegExp(`href="(/${DEMO}/spaces/\\d+)"`, 'g'));
  if (spaces.length === 0) throw new Error(`no space link on /${DEMO}/`);
  return spaces[0];
}

/** The demo's open survey (the poll whose page offers a form), else the first poll. */
async function demoPoll({ fetchHtml }) {
  const home = await fetchHtml(`/${DEMO}/`);
  const polls = [];
  for (const space of links(home, new RegExp(`href="(/${DEMO}/spaces/\\d+)"`, 'g'))) {
    polls.push(...links(await fetchHtml(space), new RegExp(`href="(/${DEMO}/polls/\\d+)"`, 'g')));
  }
  if (polls.length === 0) throw new Error(`no poll linked from the spaces of /${DEMO}/`);
  for (const poll of polls) {
    if ((await fetchHtml(poll)).includes('<fieldset')) return poll;
  }
  return polls[0];
}

/** The space that holds the demo polls (open, so staff can add one). */
async function pollSpace({ fetchHtml }) {
  const home = await fetchHtml(`/${DEMO}/`);
  for (const space of links(home, new RegExp(`href="(/${DEMO}/spaces/\\d+)"`, 'g'))) {
    if (links(await fetchHtml(space), new RegExp(`href="(/${DEMO}/polls/\\d+)"`, 'g')).length > 0) return space;
  }
  throw new Error(`no space of /${DEMO}/ lists a poll`);
}

/** The demo conversation, found through the spaces that list it. */
async function demoConversation({ fetchHtml }) {
  const home = await fetchHtml(`/${DEMO}/`);
  for (const space of links(home, new RegExp(`href="(/${DEMO}/spaces/\\d+)"`, 'g'))) {
    const found = links(await fetchHtml(space), new RegExp(`href="(/${DEMO}/conversations/\\d+)"`, 'g'));
    if (found.length > 0) return found[0];
  }
  throw new Error(`no conversation linked from the spaces of /${DEMO}/`);
}

/** The first idea that shows both an answer of the city and comments. */
async function ideaWithAnswersAndComments({ fetchHtml }) {
  const candidates = [];
  const collect = (html) => {
    for (const l of links(html, new RegExp(`href="(/${DEMO}/ideas/\\d+)"`, 'g'))) {
      if (!candidates.includes(l)) candidates.push(l);
    }
  };
  const home = await fetchHtml(`/${DEMO}/`);
  collect(home);
  for (const space of links(home, new RegExp(`href="(/${DEMO}/spaces/\\d+)"`, 'g'))) {
    collect(await fetchHtml(space));
  }
  candidates.sort((a, b) => Number(a.split('/').pop()) - Number(b.split('/').pop()));
  for (const idea of candidates) {
    const html = await fetchHtml(idea);
    if (html.includes('class="answer-current"') && /class="comment[ "]/.test(html)) return idea;
  }
  throw new Error(`no idea with answers and comments among ${candidates.join(', ') || 'none'}`);
}

// ---------------------------------------------------------------------------

const resolved = new Map();

/** Resolves every entry's path once per process: [{ ...entry, path }]. */
export async function resolvePageTypes(baseURL) {
  const fetchHtml = async (path) => {
    const res = await fetch(new URL(path, baseURL), { headers: { cookie: 'civic_lang=uk' } });
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
    return res.text();
  };
  return Promise.all(
    PAGE_TYPES.map(async (entry) => {
      if (!resolved.has(entry.name)) {
        resolved.set(
          entry.name,
          typeof entry.path === 'function' ? entry.path({ fetchHtml }) : Promise.resolve(entry.path),
        );
      }
      return { ...entry, path: await resolved.get(entry.name) };
    }),
  );
}

/** One resolved entry by name. */
export async function pageType(baseURL, name) {
  const all = await resolvePageTypes(baseURL);
  const found = all.find((p) => p.name === name);
  if (!found) throw new Error(`unknown page type ${name}`);
  return found;
}

/** The first link to `/demo/{kind}/N` in a page. */
function firstLink(html, kind) {
  const found = links(html, new RegExp(`href="(/${DEMO}/${kind}/\\d+)"`, 'g'));
  if (found.length === 0) throw new Error(`no /${DEMO}/${kind}/ link`);
  return found[0];
}

/** The first space of the demo that lists a `/demo/{kind}/N` link. */
async function spaceWith({ fetchHtml }, kind) {
  const home = await fetchHtml(`/${DEMO}/`);
  for (const space of links(home, new RegExp(`href="(/${DEMO}/spaces/\\d+)"`, 'g'))) {
    if (links(await fetchHtml(space), new RegExp(`href="(/${DEMO}/${kind}/\\d+)"`, 'g')).length > 0) return space;
  }
  throw new Error(`no space of /${DEMO}/ lists ${kind}`);
}

/** The space that lists the demo's participatory budgets. */
function budgetSpace(ctx) {
  return spaceWith(ctx, 'budgets');
}

/** The demo's `/demo/{kind}/N` pages, from every space that lists them. */
async function listedIn(ctx, kind) {
  const home = await ctx.fetchHtml(`/${DEMO}/`);
  const found = [];
  for (const space of links(home, new RegExp(`href="(/${DEMO}/spaces/\\d+)"`, 'g'))) {
    for (const link of links(await ctx.fetchHtml(space), new RegExp(`href="(/${DEMO}/${kind}/\\d+)"`, 'g'))) {
      if (!found.includes(link)) found.push(link);
    }
  }
  return found;
}

/** The demo `/demo/{kind}/N` page that shows the status label `marker`. */
async function pageIn(ctx, kind, marker) {
  for (const page of await listedIn(ctx, kind)) {
    if ((await ctx.fetchHtml(page)).includes(marker)) return page;
  }
  throw new Error(`no demo ${kind} page shows ${marker}`);
}

/** The demo budget whose page shows the phase label `marker`. */
function budgetIn(ctx, marker) {
  return pageIn(ctx, 'budgets', marker);
}

/** The demo consultation taking comments, and the closed one. */
function openConsultation(ctx) {
  return pageIn(ctx, 'consultations', 'status-comments');
}

function closedConsultation(ctx) {
  return pageIn(ctx, 'consultations', 'status-closed');
}

/** The first section of the open consultation that has an amendment. */
async function sectionWithAmendments(ctx) {
  const html = await ctx.fetchHtml(await openConsultation(ctx));
  for (const s of links(html, new RegExp(`href="(/${DEMO}/sections/\\d+)"`, 'g'))) {
    if ((await ctx.fetchHtml(s)).includes('class="card amendment"')) return s;
  }
  throw new Error('no demo section has an amendment');
}

function votingBudget(ctx) {
  return budgetIn(ctx, 'status-voting');
}

function builtBudget(ctx) {
  return budgetIn(ctx, 'status-implementation');
}

/** The first demo petition listed under the filter `status`. */
async function petitionIn({ fetchHtml }, status) {
  const found = links(await fetchHtml(`/${DEMO}/petitions?status=${status}`), new RegExp(`href="(/${DEMO}/petitions/\\d+)"`, 'g'));
  if (found.length === 0) throw new Error(`no ${status} petition on /${DEMO}/petitions`);
  return found[0];
}
