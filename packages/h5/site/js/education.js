/* Education: add_education, update_education, delete_education with e_id. */
window.itemsPage({ kind: 'education', idName: 'e_id', list: 'education_history', noun: '教育经历' })
