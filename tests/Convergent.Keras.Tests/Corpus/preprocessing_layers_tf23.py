# TF 2.3 era: augmentation from layers.experimental.preprocessing, aliases MaxPool2D/AvgPool2D.
import tensorflow as tf
from tensorflow.keras import layers, models
from tensorflow.keras.layers.experimental import preprocessing

model = models.Sequential([
    layers.InputLayer(input_shape=(96, 96, 3)),
    preprocessing.RandomFlip('horizontal_and_vertical'),
    preprocessing.RandomTranslation(height_factor=0.1, width_factor=(-0.2, 0.2), fill_mode='nearest'),
    preprocessing.RandomCrop(88, 88),
    preprocessing.Rescaling(1. / 127.5, offset=-1),
    layers.Conv2D(32, 3, activation='relu'),
    layers.MaxPool2D(),
    layers.Conv2D(64, 3, strides=(2, 2), activation='relu'),
    layers.AvgPool2D(pool_size=(2, 2), padding='valid'),
    layers.Flatten(),
    layers.Dense(3, activation='softmax'),
])
model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
              loss='sparse_categorical_crossentropy', metrics=['accuracy'])
model.fit(train_ds, validation_data=val_ds, epochs=30)
