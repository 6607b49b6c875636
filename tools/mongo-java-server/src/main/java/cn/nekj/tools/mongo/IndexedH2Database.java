package cn.nekj.tools.mongo;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An H2 database whose indexes answer queries the server alone would scan for (see SecondaryIndex). */
final class IndexedH2Database extends H2Database {

    // Set lazily: the superclass constructor opens the stored indexes before this class's initialisers run.
    private Map<String, Planned.Siblings> siblings;

    IndexedH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, mvStore, cursorRegistry);
    }

    private synchronized Planned.Siblings siblingsOf(String collectionName) {
        if (siblings == null) {
            siblings = new ConcurrentHashMap<>();
        }
        return siblings.computeIfAbsent(collectionName, name -> new Planned.Siblings());
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        Index<Object> inner = super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        return new PlannedUniqueIndex(inner, sparse, siblingsOf(collectionName));
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        return new SecondaryIndex(indexName, keys, siblingsOf(collectionName));
    }
}
