// Validates pairs of (shapes file, data file) with Apache Jena SHACL in one JVM and prints each
// result as a tab-separated line, so the Python tests can compare Jena's verdicts with pySHACL's
// without starting Java once per file. Run in source-file mode:
//   jena.sh tests/shapes/JenaShacl.java SHAPES DATA [SHAPES DATA ...]
// Output: "RESULT <data> <severity IRI> <focus> <path>" per result, "DONE <data> <n>" per file.

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;

public class JenaShacl {
    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            Shapes shapes = Shapes.parse(RDFDataMgr.loadGraph(args[i]));
            Graph data = RDFDataMgr.loadGraph(args[i + 1]);
            ValidationReport report = ShaclValidator.get().validate(shapes, data);
            int n = 0;
            for (ReportEntry e : report.getEntries()) {
                String path = e.resultPath() == null ? "-" : e.resultPath().toString();
                System.out.println("RESULT\t" + args[i + 1] + "\t" + e.severity().level().getURI()
                        + "\t" + e.focusNode().getURI() + "\t" + path);
                n++;
            }
            System.out.println("DONE\t" + args[i + 1] + "\t" + n);
        }
    }
}
