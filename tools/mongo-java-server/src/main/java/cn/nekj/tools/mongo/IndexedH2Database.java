package cn.nekj.tools.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.lang.reflect.Field;
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

    /** H2Database's store: its collections are opened while its constructor runs, before this class's fields. */
    private MVStore store() {
        try {
            Field f = H2Database.class.getDeclaredField("mvStore");
            f.setAccessible(true);
            return (MVStore) f.get(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As H2Database opens a collection (the same maps), as an IndexedH2Collection. */
    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> data = store().openMap("databases." + namespace);
        MVMap<String, Object> meta = store().openMap("meta." + namespace);
        return new IndexedH2Collection(this, collectionName, options, data, meta, cursorRegistry);
    }

    /** An aggregation that starts with {@code $match} hands that filter to its collection (IndexedH2Collection). */
    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
                                  Oplog oplog) {
        Object pipeline = query.get("pipeline");
        if (!"aggregate".equals(command) || !(query.get(command) instanceof String) || !(pipeline instanceof List)
            || ((List<?>) pipeline).isEmpty() || !(((List<?>) pipeline).get(0) instanceof Document)) {
            return super.handleCommand(channel, command, query, resolver, oplog);
        }
        Object match = ((Document) ((List<?>) pipeline).get(0)).get("$match");
        if (!(match instanceof Document)) {
            return super.handleCommand(channel, command, query, resolver, oplog);
        }
        IndexedH2Collection.LEADING_MATCH.set(new Object[] {query.get(command), match});
        try {
            return super.handleCommand(channel, command, query, resolver, oplog);
        } finally {
            IndexedH2Collection.LEADING_MATCH.remove();
        }
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
