-- Order lines keep their item's standard item number (cac:StandardItemIdentification, e.g. a GTIN) since
-- issue 3; lines stored before have none. Lines live as JSON, so only the missing key is filled in.
UPDATE order_lines
   SET data = jsonb_set(data, '{item,standardItemId}', 'null'::jsonb)
 WHERE NOT (data -> 'item' ? 'standardItemId');
