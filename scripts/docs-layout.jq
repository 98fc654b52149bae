# scripts/docs-layout.jq — how a record is written to docs/records/: one line
# per top-level field, and one line per element of a top-level array (a
# result, a profile excerpt, a trace), so that a record stays small and a diff
# of two records reads field by field.  The output is plain JSON.
def line: tojson;
"{\n"
+ (to_entries
   | map("\(.key | tojson): "
         + (if (.value | type) == "array" and (.value | length) > 0
            then "[\n" + (.value | map("  " + line) | join(",\n")) + "\n]"
            elif (.value | type) == "object" and ((.value | tojson | length) > 2000)
            then "{\n" + (.value | to_entries | map("  \(.key | tojson): \(.value | line)") | join(",\n")) + "\n}"
            else .value | line end))
   | join(",\n"))
+ "\n}"
