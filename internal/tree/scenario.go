package tree

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/suggest"
)

// Scenario is a worked case for a tree: a situation, the answers a
// professional would give, and the outcome they must reach. The build
// walks every scenario, so a change to a tree that changes an agreed
// outcome fails loudly instead of slipping through.
type Scenario struct {
	Title   string
	Case    string   // the situation, for trainers; optional
	Answers []string // answer labels, in order from the start
	Expect  string   // the id of the outcome the answers must reach
	Pos     diag.Position
}

// scenarioKeys are the keys of a scenario, in the order messages list them.
var scenarioKeys = []string{"title", "case", "answers", "expect"}

// dutchScenarioKeys maps keys a Dutch editor may type to the key they mean.
var dutchScenarioKeys = map[string]string{
	"titel": "title", "casus": "case", "geval": "case", "situatie": "case",
	"antwoorden": "answers", "verwacht": "expect", "uitkomst": "expect",
}

// ParseScenarios reads a scenario file: a YAML list of scenarios. It
// reports every problem with its line and column in file: YAML syntax,
// unknown keys (with a suggestion), missing keys and values of the wrong
// kind. YAML aliases are not expanded, so a hostile file cannot blow up.
func ParseScenarios(file string, src []byte) ([]Scenario, diag.List) {
	var errs diag.List
	pos := func(n *yaml.Node) diag.Position { return diag.Position{File: file, Line: n.Line, Col: n.Column} }
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, msg := yamlError(err)
		line = min(line, bytes.Count(src, []byte("\n"))+1)
		errs.Add(diag.Position{File: file, Line: line, Col: 1}, "invalid YAML: %s", msg)
		return nil, errs
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.SequenceNode {
		errs.Add(pos(root), "a scenario file is a list of scenarios, each starting with \"- title: …\"")
		return nil, errs
	}
	scenarios := []Scenario{}
	for _, item := range root.Content {
		if item.Kind != yaml.MappingNode {
			errs.Add(pos(item), "a scenario has the keys title, answers and expect, and optionally case")
			continue
		}
		s := Scenario{Pos: pos(item)}
		seen := map[string]bool{}
		ok := true
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			switch {
			case k.Kind != yaml.ScalarNode || !isKey(k.Value):
				errs.Add(pos(k), "unknown key `%s` in scenario%s", k.Value, suggestKey(k.Value))
				ok = false
				continue
			case seen[k.Value]:
				errs.Add(pos(k), "scenario key `%s` is given twice", k.Value)
				ok = false
				continue
			}
			seen[k.Value] = true
			var good bool
			switch k.Value {
			case "title":
				s.Title, good = scalar(v)
			case "case":
				s.Case, good = scalar(v)
			case "expect":
				s.Expect, good = scalar(v)
				s.Expect = strings.TrimPrefix(strings.TrimSpace(s.Expect), "#")
			case "answers":
				s.Answers, good = texts(v)
			}
			switch {
			case !good && k.Value == "answers":
				errs.Add(pos(v), "scenario key `answers` must be a list of answer labels, like [Ja, Nee]")
				ok = false
			case !good:
				errs.Add(pos(v), "scenario key `%s` must be text", k.Value)
				ok = false
			case k.Value == "title" && strings.TrimSpace(s.Title) == "", k.Value == "expect" && s.Expect == "":
				errs.Add(pos(v), "scenario key `%s` must not be empty", k.Value)
				ok = false
			}
		}
		for _, k := range []string{"title", "answers", "expect"} {
			if !seen[k] {
				errs.Add(s.Pos, "scenario %sneeds the key `%s`", nameOf(s), k)
				ok = false
			}
		}
		if ok {
			scenarios = append(scenarios, s)
		}
	}
	errs.Sort()
	return scenarios, errs
}

// nameOf names s in a message, when it has a title.
func nameOf(s Scenario) string {
	if strings.TrimSpace(s.Title) == "" {
		return ""
	}
	return "„" + s.Title + "” "
}

func isKey(k string) bool { return slices.Contains(scenarioKeys, k) }

func suggestKey(k string) string {
	if s, ok := dutchScenarioKeys[strings.ToLower(k)]; ok {
		return "; did you mean `" + s + "`?"
	}
	if h := suggest.Hint(k, scenarioKeys, "`", "`"); h != "" {
		return h
	}
	return "; use title, case, answers and expect"
}

// scalar decodes a scalar as text. Numbers and booleans are text too: an
// answer label may well be "2" or "ja".
func scalar(n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", false
	}
	return n.Value, true
}

func texts(n *yaml.Node) ([]string, bool) {
	if n.Kind != yaml.SequenceNode {
		return nil, false
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		s, ok := scalar(c)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError returns the file line and the message of a yaml.v3 syntax
// error. yaml.v3 counts lines from 1 in scanner errors but from 0 in
// parser errors ("did not find expected …"), so the latter are shifted.
func yamlError(err error) (int, string) {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return 1, strings.TrimPrefix(msg, "yaml: ")
	}
	line, _ := strconv.Atoi(m[1])
	if strings.HasPrefix(m[2], "did not find expected") {
		line++
	}
	return max(line, 1), m[2]
}

// CheckScenarios walks every scenario through t and reports, at the
// scenario's position, each one that does not reach its expected outcome:
// an answer that does not exist at its step (naming those that do), a
// route that ends at a question, answers left over after an outcome, or a
// different outcome.
func (t *Tree) CheckScenarios(scenarios []Scenario) diag.List {
	var errs diag.List
	for _, s := range scenarios {
		add := func(format string, args ...any) {
			errs.Add(s.Pos, "scenario „%s”: %s", s.Title, fmt.Sprintf(format, args...))
		}
		want := t.Node(s.Expect)
		switch {
		case want == nil:
			add("expect names unknown node #%s%s", s.Expect, t.suggestOutcome(s.Expect))
			continue
		case !want.Outcome:
			add("expect names #%s, which is a question, not an outcome", s.Expect)
			continue
		}
		path, err := t.Walk(s.Answers)
		switch {
		case err != nil:
			add("%s", err)
		case !path.End.Outcome:
			add("the answers end at question #%s, not at an outcome; its answers are %s", path.End.ID, labelList(path.End))
		case path.End != want:
			add("the route ends at #%s, but expect is #%s", path.End.ID, want.ID)
		}
	}
	errs.Sort()
	return errs
}

// suggestOutcome returns "; did you mean #x?" for the outcome id nearest to id.
func (t *Tree) suggestOutcome(id string) string {
	var ids []string
	for _, n := range t.Nodes {
		if n.Outcome {
			ids = append(ids, n.ID)
		}
	}
	return suggest.Hint(id, ids, "#", "")
}
