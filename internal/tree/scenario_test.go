package tree

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh/internal/diag"
)

func TestParseScenariosValid(t *testing.T) {
	file := "testdata/valid.scenarios.yaml"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	got, errs := ParseScenarios(file, src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []Scenario{
		{Title: "Wijkagent met meldingen", Case: "De wijkagent heeft meldingen van buren. Het doel is afgesproken.",
			Answers: []string{"Ja", "Ja", "Een ander gegeven"}, Expect: "delen", Pos: diag.Position{File: file, Line: 1, Col: 3}},
		{Title: "Diagnose van een cliënt", Answers: []string{"ja", " JA ", "een gegeven over GEZONDHEID"},
			Expect: "beperkt", Pos: diag.Position{File: file, Line: 6, Col: 3}},
		{Title: "Geen doel", Answers: []string{"Nee"}, Expect: "eerst-doel", Pos: diag.Position{File: file, Line: 12, Col: 3}},
	}
	if !slices.EqualFunc(got, want, func(a, b Scenario) bool {
		return a.Title == b.Title && a.Case == b.Case && slices.Equal(a.Answers, b.Answers) && a.Expect == b.Expect && a.Pos == b.Pos
	}) {
		t.Errorf("scenarios:\n got %+v\nwant %+v", got, want)
	}
	tr, _ := load(t, "valid.md")
	if errs := tr.CheckScenarios(got); len(errs) > 0 {
		t.Errorf("valid scenarios fail: %v", errs)
	}
}

// TestScenarios has one broken scenario file per problem, checked against
// testdata/valid.md.
func TestScenarios(t *testing.T) {
	tr, errs := load(t, "valid.md")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tests := []struct {
		file string
		want []string
	}{
		{"scenario-unknown-label.yaml", []string{
			"testdata/scenario-unknown-label.yaml:4:3: scenario „Een antwoord dat er niet is”: at #noodzaak there is no answer „Misschien”; the answers there are „Ja”, „Nee”",
		}},
		{"scenario-ends-early.yaml", []string{
			"testdata/scenario-ends-early.yaml:1:3: scenario „Te veel antwoorden”: the route already ends at outcome #eerst-doel after 1 answer, so „Ja” and any later answers are left over",
		}},
		{"scenario-ends-at-question.yaml", []string{
			"testdata/scenario-ends-at-question.yaml:1:3: scenario „Te weinig antwoorden”: the answers end at question #soort, not at an outcome; its answers are „Een gegeven over gezondheid”, „Een ander gegeven”, „Weet ik niet”",
		}},
		{"scenario-wrong-outcome.yaml", []string{
			"testdata/scenario-wrong-outcome.yaml:1:3: scenario „Verkeerde uitkomst”: the route ends at #vraag, but expect is #delen",
		}},
		{"scenario-bad-expect.yaml", []string{
			"testdata/scenario-bad-expect.yaml:1:3: scenario „Onbekende uitkomst”: expect names unknown node #niet-deelen; did you mean #niet-delen?",
			"testdata/scenario-bad-expect.yaml:4:3: scenario „Een vraag als uitkomst”: expect names #noodzaak, which is a question, not an outcome",
		}},
		{"scenario-bad-yaml.yaml", []string{
			"testdata/scenario-bad-yaml.yaml:2:1: invalid YAML: did not find expected ',' or ']'",
		}},
		{"scenario-unknown-key.yaml", []string{
			"testdata/scenario-unknown-key.yaml:2:3: unknown key `antwoorden` in scenario; did you mean `answers`?",
			"testdata/scenario-unknown-key.yaml:5:3: unknown key `expekt` in scenario; did you mean `expect`?",
			"testdata/scenario-unknown-key.yaml:6:3: unknown key `notitie` in scenario; use title, case, answers and expect",
		}},
		{"scenario-missing-key.yaml", []string{
			"testdata/scenario-missing-key.yaml:1:3: scenario „Geen antwoorden” needs the key `answers`",
			"testdata/scenario-missing-key.yaml:3:3: scenario needs the key `title`",
			"testdata/scenario-missing-key.yaml:5:3: scenario „Geen verwachting” needs the key `expect`",
		}},
		{"scenario-wrong-type.yaml", []string{
			"testdata/scenario-wrong-type.yaml:1:10: scenario key `title` must be text",
			"testdata/scenario-wrong-type.yaml:2:12: scenario key `answers` must be a list of answer labels, like [Ja, Nee]",
			"testdata/scenario-wrong-type.yaml:5:12: scenario key `answers` must be a list of answer labels, like [Ja, Nee]",
			"testdata/scenario-wrong-type.yaml:6:10: scenario key `expect` must be text",
			"testdata/scenario-wrong-type.yaml:7:3: a scenario has the keys title, answers and expect, and optionally case",
			"testdata/scenario-wrong-type.yaml:9:3: scenario key `title` is given twice",
		}},
		{"scenario-not-list.yaml", []string{
			"testdata/scenario-not-list.yaml:1:1: a scenario file is a list of scenarios, each starting with \"- title: …\"",
		}},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".yaml"), func(t *testing.T) {
			file := "testdata/" + tt.file
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			scenarios, errs := ParseScenarios(file, src)
			errs.Append(tr.CheckScenarios(scenarios))
			if got := messages(errs); !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestParseScenariosEdgeCases(t *testing.T) {
	tests := []struct {
		name, src string
		n         int
		want      []string
	}{
		{"empty file", "", 0, []string{}},
		{"comment only", "# nog geen scenario's\n", 0, []string{}},
		{"numbers and booleans are labels", "- title: 1\n  answers: [2, yes, ja]\n  expect: '3'\n", 1, []string{}},
		{"aliases are not expanded", "- &a\n  title: x\n  answers: [*a]\n  expect: y\n", 0,
			[]string{"s.yaml:3:12: scenario key `answers` must be a list of answer labels, like [Ja, Nee]"}},
		{"empty title", "- title: ' '\n  answers: []\n  expect: x\n", 0,
			[]string{"s.yaml:1:10: scenario key `title` must not be empty"}},
		{"tab", "- title: a\n\tanswers: x\n", 0, []string{"s.yaml:2:1: invalid YAML: found a tab character that violates indentation"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, errs := ParseScenarios("s.yaml", []byte(tt.src))
			if len(s) != tt.n {
				t.Errorf("got %d scenarios, want %d", len(s), tt.n)
			}
			if got := messages(errs); !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
