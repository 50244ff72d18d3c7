/* The seed's update_id page: both sides of the ID card, then back to the resume (seed 000). */
window.resumeForm({ done: '上传成功', next: 'resume.html', skipWhenEmpty: true })
