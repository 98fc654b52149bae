# docs-common.gp — loaded by every docs-*.gp: one colour per size, the same in
# every chart of the documents (s blue, m orange, l green, xl red).
scol(s) = (s eq "s") ? "#1f77b4" : (s eq "m") ? "#ff7f0e" : (s eq "l") ? "#2ca02c" : "#d62728"
