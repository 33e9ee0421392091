// The decision-tree wizard; see DESIGN.md. Filled in below.
