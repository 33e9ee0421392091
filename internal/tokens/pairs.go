package tokens

// Pairs lists every colour pair the stylesheet (assets/css/app.css) puts
// together, with the WCAG 2.2 AA minimum it must reach in the light and in the
// dark scheme. When app.css puts a colour token on a new background, add the
// pair here. The build measures the pairs again with the tokens a region
// sets (package region), so the table lives outside the tests.
var Pairs = []Pair{
	// Body text and secondary text on every surface that carries text.
	{FG: "--zvh-color-text", BG: "--zvh-color-bg", Min: Text},
	{FG: "--zvh-color-text", BG: "--zvh-color-bg-subtle", Min: Text},
	{FG: "--zvh-color-text", BG: "--zvh-color-brand-subtle", Min: Text},
	{FG: "--zvh-color-text", BG: "--zvh-color-warning-bg", Min: Text},
	{FG: "--zvh-color-text", BG: "--zvh-color-info-bg", Min: Text},
	{FG: "--zvh-color-text", BG: "--zvh-color-mag-bg", Min: Text},
	{FG: "--zvh-color-text", BG: "--zvh-color-mag-niet-bg", Min: Text},
	{FG: "--zvh-color-text", BG: "--zvh-color-voorwaarden-bg", Min: Text},
	{FG: "--zvh-color-text", BG: "--zvh-color-verwijs-bg", Min: Text},
	{FG: "--zvh-color-text-muted", BG: "--zvh-color-bg", Min: Text},
	{FG: "--zvh-color-text-muted", BG: "--zvh-color-bg-subtle", Min: Text},
	{FG: "--zvh-color-text-muted", BG: "--zvh-color-brand-subtle", Min: Text},

	// Links, in every state, wherever a link can appear.
	{FG: "--zvh-color-link", BG: "--zvh-color-bg", Min: Text},
	{FG: "--zvh-color-link", BG: "--zvh-color-bg-subtle", Min: Text},
	{FG: "--zvh-color-link", BG: "--zvh-color-brand-subtle", Min: Text},
	{FG: "--zvh-color-link", BG: "--zvh-color-warning-bg", Min: Text},
	{FG: "--zvh-color-link", BG: "--zvh-color-info-bg", Min: Text},
	{FG: "--zvh-color-link", BG: "--zvh-color-mag-bg", Min: Text},
	{FG: "--zvh-color-link", BG: "--zvh-color-mag-niet-bg", Min: Text},
	{FG: "--zvh-color-link", BG: "--zvh-color-voorwaarden-bg", Min: Text},
	{FG: "--zvh-color-link", BG: "--zvh-color-verwijs-bg", Min: Text},
	{FG: "--zvh-color-link-hover", BG: "--zvh-color-bg", Min: Text},
	{FG: "--zvh-color-link-hover", BG: "--zvh-color-bg-subtle", Min: Text},
	{FG: "--zvh-color-link-visited", BG: "--zvh-color-bg", Min: Text},
	{FG: "--zvh-color-link-visited", BG: "--zvh-color-bg-subtle", Min: Text},

	// The header: site name, menu and phase navigation on the brand colour.
	{FG: "--zvh-color-brand-text", BG: "--zvh-color-brand", Min: Text},

	// Procesplaat: phase numbers (text) and the current phase (filled number
	// on its tinted card); the connecting line is a UI part.
	{FG: "--zvh-color-brand-strong", BG: "--zvh-color-bg", Min: Text},
	{FG: "--zvh-color-brand-strong", BG: "--zvh-color-bg-subtle", Min: Text},
	{FG: "--zvh-color-brand-strong", BG: "--zvh-color-brand-subtle", Min: Text},
	{FG: "--zvh-color-bg", BG: "--zvh-color-brand-strong", Min: Text},

	// Focus ring (WCAG 2.4.13 / 1.4.11): the outline against every surface a
	// focusable element sits on, and against its own halo.
	{FG: "--zvh-color-focus", BG: "--zvh-color-bg", Min: UI},
	{FG: "--zvh-color-focus", BG: "--zvh-color-bg-subtle", Min: UI},
	{FG: "--zvh-color-focus", BG: "--zvh-color-brand-subtle", Min: UI},
	{FG: "--zvh-color-focus", BG: "--zvh-color-warning-bg", Min: UI},
	{FG: "--zvh-color-focus", BG: "--zvh-color-info-bg", Min: UI},
	{FG: "--zvh-color-focus", BG: "--zvh-color-mag-bg", Min: UI},
	{FG: "--zvh-color-focus", BG: "--zvh-color-mag-niet-bg", Min: UI},
	{FG: "--zvh-color-focus", BG: "--zvh-color-voorwaarden-bg", Min: UI},
	{FG: "--zvh-color-focus", BG: "--zvh-color-verwijs-bg", Min: UI},
	{FG: "--zvh-color-focus", BG: "--zvh-color-focus-halo", Min: Text}, // also the skip link's text
	{FG: "--zvh-color-focus-inverse", BG: "--zvh-color-brand", Min: UI},
	{FG: "--zvh-color-focus-inverse", BG: "--zvh-color-focus-halo-inverse", Min: UI},

	// Borders of controls (answer buttons, scrollable tables, the pager).
	{FG: "--zvh-color-border", BG: "--zvh-color-bg", Min: UI},
	{FG: "--zvh-color-border", BG: "--zvh-color-bg-subtle", Min: UI},

	// Callouts: the bar and icon against the tint and against the page.
	{FG: "--zvh-color-warning", BG: "--zvh-color-warning-bg", Min: UI},
	{FG: "--zvh-color-warning", BG: "--zvh-color-bg", Min: UI},
	{FG: "--zvh-color-info", BG: "--zvh-color-info-bg", Min: UI},
	{FG: "--zvh-color-info", BG: "--zvh-color-bg", Min: UI},

	// Verdicts: the label is coloured text (so 4.5:1 on the tint), the icon and
	// the border are UI parts next to the page background, and the diagram
	// draws outcome nodes with this colour on the page background.
	{FG: "--zvh-color-mag", BG: "--zvh-color-mag-bg", Min: Text},
	{FG: "--zvh-color-mag", BG: "--zvh-color-bg", Min: UI},
	{FG: "--zvh-color-mag-niet", BG: "--zvh-color-mag-niet-bg", Min: Text},
	{FG: "--zvh-color-mag-niet", BG: "--zvh-color-bg", Min: UI},
	{FG: "--zvh-color-voorwaarden", BG: "--zvh-color-voorwaarden-bg", Min: Text},
	{FG: "--zvh-color-voorwaarden", BG: "--zvh-color-bg", Min: UI},
	{FG: "--zvh-color-verwijs", BG: "--zvh-color-verwijs-bg", Min: Text},
	{FG: "--zvh-color-verwijs", BG: "--zvh-color-bg", Min: UI},

	// Regime labels: the coloured bar next to the label's background.
	{FG: "--zvh-color-regime-wgs", BG: "--zvh-color-bg-subtle", Min: UI},
	{FG: "--zvh-color-regime-pre-wgs", BG: "--zvh-color-bg-subtle", Min: UI},
	{FG: "--zvh-color-regime-pga", BG: "--zvh-color-bg-subtle", Min: UI},
}

// Decorative colour tokens carry no information, so they need no contrast:
// hairlines between blocks whose separation is also clear from spacing.
var Decorative = map[string]bool{
	"--zvh-color-border-subtle": true,
}
