/* Honours, with their certificate photo (image_id): add_honor, update_honor, delete_honor with h_id. */
window.itemsPage({ kind: 'honor', idName: 'h_id', list: 'honor', noun: '荣誉' })
