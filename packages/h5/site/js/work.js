/* Work history: add_work, update_work, delete_work with w_id. */
window.itemsPage({ kind: 'work', idName: 'w_id', list: 'work_history', noun: '工作经历' })
