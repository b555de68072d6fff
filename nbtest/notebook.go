package nbtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
)

// ErrNotNotebook is returned for files that are not nbformat 4 notebooks.
var ErrNotNotebook = errors.New("not a Jupyter notebook")

// Notebook is a parsed .ipynb file. It keeps the whole JSON document so an
// executed copy can be written back with every other field intact.
type Notebook struct {
	Path  string
	Cells []Cell
	// KernelName is metadata.kernelspec.name ("" when absent).
	KernelName string
	doc        map[string]any
}

// Cell is one notebook cell.
type Cell struct {
	// Type is code, markdown or raw.
	Type   string
	Source string
	Tags   []string
	raw    map[string]any
}

// HasTag reports whether the cell carries the metadata tag.
func (c *Cell) HasTag(tag string) bool { return slices.Contains(c.Tags, tag) }

// ReadNotebook reads and parses an nbformat 4 notebook.
func ReadNotebook(path string) (*Notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseNotebook(path, b)
}

// ParseNotebook parses an nbformat 4 notebook's JSON; path names it in errors.
func ParseNotebook(path string, b []byte) (*Notebook, error) {
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := position(b, se.Offset)
			return nil, fmt.Errorf("%s: %w: invalid JSON at line %d, column %d: %v", path, ErrNotNotebook, line, col, err)
		}
		return nil, fmt.Errorf("%s: %w: %v", path, ErrNotNotebook, err)
	}
	if v, _ := doc["nbformat"].(float64); v != 4 {
		return nil, fmt.Errorf("%s: %w: nbformat %v, want 4", path, ErrNotNotebook, doc["nbformat"])
	}
	cells, ok := doc["cells"].([]any)
	if !ok {
		return nil, fmt.Errorf("%s: %w: no cells list", path, ErrNotNotebook)
	}
	nb := &Notebook{Path: path, doc: doc}
	if md, ok := doc["metadata"].(map[string]any); ok {
		if ks, ok := md["kernelspec"].(map[string]any); ok {
			nb.KernelName, _ = ks["name"].(string)
		}
	}
	for i, c := range cells {
		raw, ok := c.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: %w: cell %d is not an object", path, ErrNotNotebook, i+1)
		}
		cell := Cell{raw: raw}
		cell.Type, _ = raw["cell_type"].(string)
		src, err := joinSource(raw["source"])
		if err != nil {
			return nil, fmt.Errorf("%s: %w: cell %d: %v", path, ErrNotNotebook, i+1, err)
		}
		cell.Source = src
		if md, ok := raw["metadata"].(map[string]any); ok {
			if tags, ok := md["tags"].([]any); ok {
				for _, t := range tags {
					if s, ok := t.(string); ok {
						cell.Tags = append(cell.Tags, s)
					}
				}
			}
		}
		nb.Cells = append(nb.Cells, cell)
	}
	return nb, nil
}

// joinSource accepts nbformat's source: a string or a list of strings.
func joinSource(v any) (string, error) {
	switch s := v.(type) {
	case string:
		return s, nil
	case []any:
		var b strings.Builder
		for _, line := range s {
			l, ok := line.(string)
			if !ok {
				return "", fmt.Errorf("source line is %T, want string", line)
			}
			b.WriteString(l)
		}
		return b.String(), nil
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("source is %T, want string or list of strings", v)
}

func position(b []byte, offset int64) (line, col int) {
	if offset > int64(len(b)) {
		offset = int64(len(b))
	}
	before := b[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - bytes.LastIndexByte(before, '\n') - 1
	return line, col
}

// setOutputs stores a cell's execution result in the notebook document.
func (c *Cell) setOutputs(r *Result) {
	outs := []any{}
	for _, o := range r.Outputs {
		m := map[string]any{"output_type": o.Type}
		switch o.Type {
		case "stream":
			m["name"], m["text"] = o.Name, o.Text
		case "display_data", "execute_result":
			m["data"], m["metadata"] = orEmpty(o.Data), orEmpty(o.Metadata)
			if o.Type == "execute_result" {
				m["execution_count"] = r.ExecutionCount
			}
		case "error":
			m["ename"], m["evalue"], m["traceback"] = o.EName, o.EValue, orEmptyList(o.Traceback)
		}
		outs = append(outs, m)
	}
	c.raw["outputs"] = outs
	c.raw["execution_count"] = r.ExecutionCount
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func orEmptyList(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// Write saves the notebook (with any outputs set by a run) as JSON.
func (nb *Notebook) Write(path string) error {
	b, err := json.MarshalIndent(nb.doc, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
