package kernel

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"strconv"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/imports"
)

// AddImports adds an import for every BrainGo package of Packages that the
// Go file src refers to by name (bm.NewRNG) without importing it and
// without declaring that name itself, then runs goimports' fixer
// (golang.org/x/tools/imports) for everything else. A main package (a GoNB
// cell) also gets a blank import of StderrGuard, which keeps GoNB alive
// whatever the cell writes to stderr.
//
// goimports alone does not do: it only considers a package whose import
// path ends in a string containing the name, so bp/math is never a
// candidate for bm, and gonum's integrate competes with BrainGo's. Resolving
// BrainGo's names first also spares goimports its module scan, which is
// most of a cell's import time.
func AddImports(filename string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filename, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		// Let the fixer report the syntax error as goimports does.
		return imports.Process(filename, src, nil)
	}
	refs := selectorRoots(f)
	declared := topLevelNames(f)
	imported := map[string]bool{}
	for _, spec := range f.Imports {
		path, _ := strconv.Unquote(spec.Path.Value)
		imported[path] = true
		if spec.Name != nil {
			declared[spec.Name.Name] = true
		}
	}
	added := false
	if f.Name.Name == "main" && !imported[StderrGuard] {
		astutil.AddNamedImport(fset, f, "_", StderrGuard)
		added = true
	}
	for _, p := range Packages {
		if refs[p.Name] && !declared[p.Name] && !imported[p.ImportPath()] {
			name := ""
			if p.Name != lastElem(p.Dir) {
				name = p.Name
			}
			astutil.AddNamedImport(fset, f, name, p.ImportPath())
			added = true
		}
	}
	if added {
		var b bytes.Buffer
		if err := format.Node(&b, fset, f); err != nil {
			return nil, err
		}
		src = b.Bytes()
	}
	return imports.Process(filename, src, nil)
}

// StderrGuard is the package every cell imports for its side effect (see
// package kernel/stderrguard).
const StderrGuard = ModulePath + "/kernel/stderrguard"

// selectorRoots returns the identifiers X of selector expressions X.Sel.
func selectorRoots(f *ast.File) map[string]bool {
	roots := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				roots[id.Name] = true
			}
		}
		return true
	})
	return roots
}

// topLevelNames returns the names the file declares at package level.
func topLevelNames(f *ast.File) map[string]bool {
	names := map[string]bool{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names[n.Name] = true
					}
				case *ast.TypeSpec:
					names[s.Name.Name] = true
				}
			}
		}
	}
	return names
}

func lastElem(dir string) string {
	for i := len(dir) - 1; i >= 0; i-- {
		if dir[i] == '/' {
			return dir[i+1:]
		}
	}
	return dir
}
