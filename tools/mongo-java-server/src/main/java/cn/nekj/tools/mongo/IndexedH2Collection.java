package cn.nekj.tools.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An H2 collection whose aggregations start from their leading {@code $match} answered like a find (through
 * the indexes) instead of from every document: mongo-java-server 1.47 feeds an aggregation the whole
 * collection, so each {@code countDocuments} (an aggregation in the driver) read and matched all of it, e.g.
 * the dashboard's count of pending filings read every registration ever filed.
 *
 * <p>The pipeline still runs its {@code $match} over what this hands over, so the answer cannot change: the
 * candidates are the documents a find with that filter returns, and if the server cannot run the filter as a
 * find, the aggregation gets every document as before.
 */
final class IndexedH2Collection extends H2Collection {

    /** The collection and filter of the aggregation this thread is running (set by IndexedH2Database). */
    static final ThreadLocal<Object[]> LEADING_MATCH = new ThreadLocal<>();

    IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap,
                        CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    @Override
    public Stream<Document> queryAllAsStream() {
        Object[] leading = LEADING_MATCH.get();
        if (leading == null || !getCollectionName().equals(leading[0])) {
            return super.queryAllAsStream();
        }
        // Once per command: a later read of this collection in the same pipeline ($lookup, $unionWith) gets all.
        LEADING_MATCH.remove();
        try {
            return StreamSupport.stream(queryDocuments((Document) leading[1], null, 0, 0, 0, null).spliterator(),
                false);
        } catch (RuntimeException notAFind) {
            return super.queryAllAsStream();
        }
    }
}
