package integrate

// EmbeddedTableaux lists the built-in embedded pairs of the adaptive methods.
var EmbeddedTableaux = []*Tableau{}
