// Runs several SPARQL queries on one TriG file in one Jena ARQ process (a JVM start per query
// would cost seconds each). The default graph is made the RDF merge of the named graphs, as
// the query catalogue assumes (queries/README.md). Usage: ArqBatch DATA.trig OUT_DIR QUERY.rq...
// For the i-th query, OUT_DIR/i.srj (SELECT, ASK: SPARQL results JSON) or OUT_DIR/i.nt
// (CONSTRUCT, DESCRIBE: N-Triples), or OUT_DIR/i.err with the error.
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;

public class ArqBatch {
    public static void main(String[] args) throws Exception {
        DatasetGraph data = DatasetGraphFactory.createGeneral();
        RDFDataMgr.read(data, args[0]);
        Graph merged = data.getDefaultGraph();
        List<Quad> quads = Iter.toList(data.findNG(Node.ANY, Node.ANY, Node.ANY, Node.ANY));
        quads.forEach(quad -> merged.add(quad.asTriple()));
        Dataset dataset = DatasetFactory.wrap(data);
        Path out = Paths.get(args[1]);
        for (int i = 2; i < args.length; i++) {
            String stem = String.valueOf(i - 2);
            try {
                run(dataset, args[i], out, stem);
            } catch (Exception e) {
                Files.writeString(out.resolve(stem + ".err"), e.toString());
            }
        }
    }

    private static void run(Dataset dataset, String file, Path out, String stem) throws Exception {
        Query query = QueryFactory.read(file);
        try (QueryExecution exec = QueryExecutionFactory.create(query, dataset)) {
            if (query.isSelectType()) {
                try (OutputStream os = Files.newOutputStream(out.resolve(stem + ".srj"))) {
                    ResultSetFormatter.outputAsJSON(os, exec.execSelect());
                }
            } else if (query.isAskType()) {
                try (OutputStream os = Files.newOutputStream(out.resolve(stem + ".srj"))) {
                    ResultSetFormatter.outputAsJSON(os, exec.execAsk());
                }
            } else {
                Graph graph = query.isConstructType() ? exec.execConstruct().getGraph()
                                                      : exec.execDescribe().getGraph();
                try (OutputStream os = Files.newOutputStream(out.resolve(stem + ".nt"))) {
                    RDFDataMgr.write(os, graph, Lang.NTRIPLES);
                }
            }
        }
    }
}
