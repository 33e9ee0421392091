package settings

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	src := "title: T\npublisher: P\ncontact:\n  email: info@example.org\nterms:\n  casusoverleg: ICO\n"
	s, errs := Parse("site.yaml", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if s.Title != "T" || s.Publisher != "P" || s.Contact.Email != "info@example.org" || s.Terms["casusoverleg"] != "ICO" {
		t.Errorf("Parse = %+v", s)
	}
	if s.TermPos["casusoverleg"].Line != 6 {
		t.Errorf("term position = %v, want line 6", s.TermPos["casusoverleg"])
	}
	if w := s.Warnings("site.yaml"); len(w) != 0 {
		t.Errorf("warnings with a contact: %v", w)
	}
}

// TestPublishedURL: the site's address gives the path that the 404 page
// and printed pages start from; without it, "/".
func TestPublishedURL(t *testing.T) {
	s, errs := Parse("site.yaml", []byte("title: T\nurl: https://www.voorbeeld.nl/gegevensdeling/\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if s.URL != "https://www.voorbeeld.nl/gegevensdeling/" || s.Root() != "/gegevensdeling/" {
		t.Errorf("URL %q, Root %q", s.URL, s.Root())
	}
	if none, _ := Parse("site.yaml", []byte("title: T\n")); none.Root() != "/" {
		t.Errorf("Root without url = %q, want /", none.Root())
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"unknown key", "title: T\npublsher: P\n", "site.yaml:2:1: unknown key `publsher`; did you mean `publisher`?"},
		{"no title", "publisher: P\n", "site.yaml:1:1: site.yaml needs a `title`"},
		{"bad email", "title: T\ncontact:\n  email: nee\n", "site.yaml:3:10: `contact.email`: \"nee\" is not an e-mail address"},
		{"bad url", "title: T\ncontact:\n  url: http://x.nl\n", "site.yaml:3:8: `contact.url`: \"http://x.nl\" is not an https:// address"},
		{"unknown contact key", "title: T\ncontact:\n  mail: a@b.nl\n", "site.yaml:3:3: unknown key `mail`; did you mean `email`?"},
		{"bad term name", "title: T\nterms:\n  Casus-overleg: x\n", "site.yaml:3:3: `terms`: name \"Casus-overleg\""},
		{"bad yaml", "title: [\n", "site.yaml:"},
		{"site url without folder slash", "title: T\nurl: https://x.nl/gegevens\n", "site.yaml:2:6: `url`: \"https://x.nl/gegevens\" is not the https:// address of the folder"},
		{"site url over http", "title: T\nurl: http://x.nl/\n", "site.yaml:2:6: `url`: \"http://x.nl/\" is not"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := Parse("site.yaml", []byte(tc.src))
			if !strings.HasPrefix(errs.Error(), tc.want) {
				t.Errorf("errors = %q, want prefix %q", errs.Error(), tc.want)
			}
		})
	}
}

// TestMissingContactWarns: the national model has no known contact address,
// so the build must say so instead of showing an invented one.
func TestMissingContactWarns(t *testing.T) {
	s, _ := Parse("site.yaml", []byte("title: T\npublisher: Landelijke stuurgroep Zorg en Veiligheid\n"))
	w := s.Warnings("site.yaml")
	if len(w) != 1 || !strings.Contains(w[0].Error(), "no `contact`") || !strings.Contains(w[0].Error(), "Landelijke stuurgroep") {
		t.Errorf("warnings = %v", w)
	}
}
